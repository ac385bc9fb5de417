//! Load stage: reading a YAML file's text around an error: the key that owns a value, what
//! the writer put there, where a stray tab or a bad escape is. Heuristics for messages only.

/// The source text and the (1-based) line and column of an error in it.
pub(super) struct Src<'a> {
    lines: Vec<&'a str>,
    line: usize,
    col: usize,
    /// What the file's top-level list holds (`timeline` for timeline.yaml), if it is one.
    list: Option<String>,
}

impl<'a> Src<'a> {
    pub(super) fn new(text: &'a str, line: usize, col: usize, list: Option<String>) -> Self {
        Self {
            lines: text.split('\n').map(|l| l.trim_end_matches('\r')).collect(),
            line,
            col,
            list,
        }
    }

    /// The line's text before the error, without a trailing anchor (`&a`) or tag (`!t`).
    fn before(&self) -> &'a str {
        let mut b = self.split().0;
        loop {
            let t = b.trim_end();
            match t
                .rfind(char::is_whitespace)
                .map_or(Some(0), |i| Some(i + 1))
            {
                Some(i) if t[i..].starts_with(['&', '!']) => b = &t[..i],
                _ => return b,
            }
        }
    }

    fn text(&self, line: usize) -> &'a str {
        line.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or("")
    }

    /// The line's text before and from the error column.
    fn split(&self) -> (&'a str, &'a str) {
        let t = self.text(self.line);
        let at = t
            .char_indices()
            .nth(self.col.saturating_sub(1))
            .map_or(t.len(), |(i, _)| i);
        t.split_at(at)
    }

    /// The token at the error (`maybe`, `42`, `*nope`).
    pub(super) fn word(&self) -> String {
        let rest = self.split().1;
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
            .unwrap_or(rest.len());
        rest[..end.max(rest.chars().next().map_or(0, char::len_utf8))].to_string()
    }

    /// The key whose value starts on this line, before the error (`draft` in `draft: maybe`).
    pub(super) fn key(&self) -> Option<String> {
        let before = self.before().trim_end();
        before.strip_suffix(':').and_then(plain_key)
    }

    /// The key owning the node at the error, and whether the node is one entry of its list.
    pub(super) fn owner(&self) -> Option<(String, bool)> {
        let before = self.before();
        if let Some(k) = self.key() {
            return Some((k, false));
        }
        if before.contains('[') {
            let (k, _) = before.split_once(':')?;
            return plain_key(k).map(|k| (k, true));
        }
        let trimmed = before.trim();
        let item = trimmed == "-";
        if !(item || trimmed.is_empty()) {
            return None;
        }
        let indent = before.len() - before.trim_start().len();
        let top = || item.then(|| self.list.clone()).flatten();
        self.parent(indent, item).or_else(top).map(|k| (k, item))
    }

    /// The `key:` line above that owns a node indented `indent` (a list item may sit at its
    /// key's own indentation).
    fn parent(&self, indent: usize, item: bool) -> Option<String> {
        for l in (1..self.line).rev() {
            let t = strip_comment(self.text(l));
            if t.trim().is_empty() {
                continue;
            }
            let ind = t.len() - t.trim_start().len();
            let is_item = t.trim_start().starts_with('-');
            if ind < indent || (item && ind == indent && !is_item) {
                return t.trim_end().strip_suffix(':').and_then(plain_key);
            }
        }
        None
    }

    /// `true` when the error is at the document's first node (the whole file is wrong).
    pub(super) fn at_top(&self) -> bool {
        let first = (1..self.line).all(|l| {
            let t = self.text(l).trim();
            t.is_empty() || t.starts_with('#') || t == "---"
        });
        first && self.before().trim().is_empty()
    }

    /// What the writer put at the error: `a list`, `a mapping`, `the text `x``, `no value`.
    pub(super) fn found(&self) -> String {
        let mut rest = self.split().1.trim();
        while let Some(r) = rest.strip_prefix(['&', '!']) {
            rest = r.split_once(' ').map_or("", |(_, r)| r).trim_start();
        }
        let rest = strip_comment(rest).trim();
        if rest.is_empty() {
            let next = (self.line + 1..=self.lines.len())
                .map(|l| strip_comment(self.text(l)).trim())
                .find(|t| !t.is_empty())
                .unwrap_or("");
            return describe(next, true);
        }
        describe(rest, false)
    }

    /// `|` or `>` when the error line lies below the header of a block of text.
    pub(super) fn block_text_above(&self) -> Option<char> {
        for l in (1..self.line).rev() {
            let t = strip_comment(self.text(l)).trim_end();
            if t.trim().is_empty() {
                continue;
            }
            let last = t.trim_end_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
            if let Some(c) = last.chars().last().filter(|c| matches!(c, '|' | '>')) {
                return Some(c);
            }
            if t.contains(": ") || t.ends_with(':') || t.trim_start().starts_with('-') {
                return None;
            }
        }
        None
    }

    /// Width of the value at the error when it sits on the error's line, else 1.
    pub(super) fn value_len(&self) -> usize {
        let (before, rest) = self.split();
        let rest = strip_comment(rest).trim_end();
        if !before.contains(['[', '{']) {
            return rest.chars().count().max(1);
        }
        // Inside brackets: up to the `,` or closing bracket that ends this value.
        let mut depth = 0usize;
        for (n, c) in rest.chars().enumerate() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' if depth <= 1 => return (n + usize::from(depth == 1)).max(1),
                ']' | '}' => depth -= 1,
                ',' if depth == 0 => return n.max(1),
                _ => {}
            }
        }
        rest.chars().count().max(1)
    }

    /// The line of an earlier `key:` at the same indentation as the key at the error.
    pub(super) fn earlier_key(&self, key: &str) -> Option<usize> {
        let (before, _) = self.split();
        let indent = before.len() - before.trim_start_matches([' ', '-']).len();
        (1..self.line).rev().find(|&l| {
            let t = self.text(l);
            let body = t.trim_start_matches([' ', '-']);
            t.len() - body.len() == indent
                && body
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
        })
    }

    /// Line and column of the first tab in indentation at or after the error line, else the
    /// first tab anywhere from there.
    pub(super) fn find_tab(&self) -> Option<(usize, usize)> {
        let from = self.line.max(1);
        let lines = from..=self.lines.len();
        let in_indent = lines.clone().find_map(|l| {
            let t = self.text(l);
            let lead = &t[..t.len() - t.trim_start().len()];
            lead.chars().position(|c| c == '\t').map(|c| (l, c + 1))
        });
        in_indent.or_else(|| {
            lines.clone().find_map(|l| {
                let t = self.text(l);
                t.chars().position(|c| c == '\t').map(|c| (l, c + 1))
            })
        })
    }

    /// The `key` that starts this line, when the error lies after its `:`.
    pub(super) fn key_on_line(&self) -> Option<String> {
        let (before, _) = self.split();
        let (k, _) = before.split_once(':')?;
        plain_key(k)
    }

    /// The text after the line's first `key: `.
    pub(super) fn value_after_key(&self) -> String {
        let t = self.text(self.line);
        t.split_once(':')
            .map_or("", |(_, v)| v)
            .trim()
            .trim_matches('"')
            .to_string()
    }

    /// Help for a line whose indentation does not fit: the column its neighbours use.
    pub(super) fn align_help(&self) -> String {
        let above = (1..self.line).rev().find(|&l| {
            let t = self.text(l).trim();
            !t.is_empty() && !t.starts_with('#')
        });
        match above {
            Some(l) => {
                let t = self.text(l);
                let col = t.len() - t.trim_start_matches([' ', '-']).len() + 1;
                format!(
                    "keys of one entry start in the same column (column {col}, like line {l}); a new list entry starts with `- `"
                )
            }
            None => {
                "keys of one mapping start in the same column; a new list entry starts with `- `"
                    .into()
            }
        }
    }

    /// Line and column of the first backslash with an unknown escape after the error.
    pub(super) fn bad_escape(&self) -> (usize, usize) {
        for l in self.line.max(1)..=self.lines.len() {
            let skip = if l == self.line { self.col } else { 0 };
            let mut chars = self.text(l).chars().enumerate().skip(skip).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some((_, n)) if "0abtnvfre \"/\\N_LPxuU\t".contains(n) => {}
                        _ => return (l, i + 1),
                    }
                }
            }
        }
        (self.line, self.col)
    }
}

/// `title`, `base_url`: a key as writers spell them (no quotes, no spaces).
fn plain_key(k: &str) -> Option<String> {
    let k = k.trim().trim_start_matches('-').trim();
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    ok.then(|| k.to_string())
}

fn strip_comment(t: &str) -> &str {
    match t.find(" #") {
        Some(i) if !t[..i].contains(['"', '\'']) => &t[..i],
        _ if t.trim_start().starts_with('#') => "",
        _ => t,
    }
}

/// Names a node by its first characters; `below` when it starts on a later line.
fn describe(t: &str, below: bool) -> String {
    if t.is_empty() || (below && !t.starts_with('-') && !is_mapping(t)) {
        return "no value".into();
    }
    if t.starts_with('[') || t == "-" || t.starts_with("- ") {
        "a list".into()
    } else if t.starts_with('{') || is_mapping(t) {
        "a mapping".into()
    } else {
        let shown: String = t.chars().take(40).collect();
        let more = if t.chars().count() > 40 { "…" } else { "" };
        format!("the text `{shown}{more}`")
    }
}

fn is_mapping(t: &str) -> bool {
    !t.starts_with(['"', '\'']) && (t.contains(": ") || t.ends_with(':'))
}

/// An example first line for an entry of `key`, for help texts.
pub(super) fn example_for(key: &str) -> &'static str {
    match key {
        "changelog" => "date: …",
        "relations" => "to: …",
        "links" => "title: …",
        "evidence" => "quote: …",
        "source" => "title: …",
        _ => "id: …",
    }
}
