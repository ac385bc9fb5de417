//! Validate stage: the source article parsed once into numbered blocks and their plain text.
//!
//! Blocks are numbered 1, 2, 3… in document order: every paragraph (also inside block quotes
//! and footnotes), heading, list item, table and code block. Paragraphs inside list items belong
//! to their item. Each block keeps its plain text (the concatenation of its text, code and line
//! breaks) so that evidence can be matched against it; each text event remembers where its
//! text sits in its block's text, so that a match can be highlighted across inline markup.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Separates table cells in a block's text: a quote never spans two cells.
pub const CELL_BARRIER: char = '\u{1}';

/// Where a quote was found: block number and byte range in the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Block number.
    pub block: usize,
    /// Start byte in the block's text.
    pub start: usize,
    /// End byte in the block's text.
    pub end: usize,
}

/// One mention: which text run, where in the run's text, which actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`Article::runs`].
    pub run: usize,
    /// Byte range in the run's event text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// Index of the actor in the list given to `validate::mentions::find`.
    pub actor: usize,
}

/// What a numbered block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading.
    Heading,
    /// A list item.
    Item,
    /// A table (its cells are separate matching units).
    Table,
    /// A fenced or indented code block.
    Code,
}

/// One numbered block.
#[derive(Debug, Clone)]
pub struct Block {
    /// 1-based number (`p-N`).
    pub number: usize,
    /// Its kind.
    pub kind: BlockKind,
    /// Plain text, as the reader sees it.
    pub text: String,
    /// 1-based line in article.md where the block starts.
    pub line: usize,
}

/// Where one text-bearing event's text lies in its block's text.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// Index into [`Article::events`].
    pub event: usize,
    /// Block number.
    pub block: usize,
    /// Byte range in the block's text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// Byte offset of the event in article.md.
    pub source: usize,
    /// Mentions may be linked here (not in code, links or headings).
    pub linkable: bool,
    /// Inline code or a code block: never a mention.
    pub code: bool,
}

/// The kind of a top-level chunk, for the article page layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// Paragraph.
    Paragraph,
    /// Heading.
    Heading,
    /// Bulleted or numbered list.
    List,
    /// Block quote.
    Quote,
    /// Table.
    Table,
    /// Code block.
    Code,
    /// Thematic break, raw HTML block or other unnumbered element.
    Other,
    /// A footnote definition (shown after the article).
    Footnote,
}

impl ChunkKind {
    /// Name used in views.
    pub fn as_str(self) -> &'static str {
        match self {
            ChunkKind::Paragraph => "paragraph",
            ChunkKind::Heading => "heading",
            ChunkKind::List => "list",
            ChunkKind::Quote => "quote",
            ChunkKind::Table => "table",
            ChunkKind::Code => "code",
            ChunkKind::Other => "other",
            ChunkKind::Footnote => "footnote",
        }
    }
}

/// One top-level element of the article: a range of events rendered as one view block.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Its kind.
    pub kind: ChunkKind,
    /// Event range `[start, end)`.
    pub events: std::ops::Range<usize>,
    /// Block numbers inside it.
    pub numbers: Vec<usize>,
}

/// A parsed article.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The Markdown events, owned.
    pub events: Vec<Event<'static>>,
    /// For each event, the number of the block it opens (numbered starts only), else 0.
    pub opens: Vec<usize>,
    /// Numbered blocks; block `n` is `blocks[n - 1]`.
    pub blocks: Vec<Block>,
    /// Text runs in document order.
    pub runs: Vec<TextRun>,
    /// Top-level chunks in document order.
    pub chunks: Vec<Chunk>,
    /// Number of words.
    pub words: usize,
}

impl Article {
    /// Parses `md` (the contract's dialect).
    pub fn parse(md: &str) -> Article {
        let mut a = Article::default();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(md.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |off: usize| line_starts.partition_point(|&s| s <= off);
        // Stack of open blocks: the current numbered block for text, or 0.
        let mut stack: Vec<usize> = Vec::new();
        let mut in_item = 0usize;
        let mut in_table = 0usize;
        let mut unlinkable = 0usize;
        let mut in_code = 0usize;
        let mut depth = 0usize;
        let mut chunk_start = 0usize;
        let mut chunk_kind = ChunkKind::Other;
        let mut chunk_numbers = Vec::new();

        for (i, (event, range)) in Parser::new_ext(md, crate::render::html::markdown::options())
            .into_offset_iter()
            .enumerate()
        {
            let mut opens = 0;
            if let Event::Start(tag) = &event {
                if depth == 0 {
                    chunk_start = i;
                    chunk_kind = chunk_kind_of(tag);
                }
                depth += 1;
                let kind = match tag {
                    Tag::Paragraph if in_item == 0 && in_table == 0 => Some(BlockKind::Paragraph),
                    Tag::Heading { .. } => Some(BlockKind::Heading),
                    Tag::Item => Some(BlockKind::Item),
                    Tag::Table(_) => Some(BlockKind::Table),
                    Tag::CodeBlock(_) => Some(BlockKind::Code),
                    _ => None,
                };
                match tag {
                    Tag::Item => in_item += 1,
                    Tag::Table(_) => in_table += 1,
                    Tag::Link { .. } | Tag::Heading { .. } | Tag::Image { .. } => unlinkable += 1,
                    Tag::CodeBlock(_) => in_code += 1,
                    _ => {}
                }
                if let Some(kind) = kind {
                    let number = a.blocks.len() + 1;
                    a.blocks.push(Block {
                        number,
                        kind,
                        text: String::new(),
                        line: line_of(range.start),
                    });
                    chunk_numbers.push(number);
                    opens = number;
                    stack.push(number);
                } else {
                    stack.push(stack.last().copied().unwrap_or(0));
                }
            }
            let current = stack.last().copied().unwrap_or(0);
            match &event {
                Event::Text(t) | Event::Code(t) if current > 0 => {
                    let block = &mut a.blocks[current - 1];
                    let start = block.text.len();
                    block.text.push_str(t);
                    a.words += t.split_whitespace().count();
                    let code = in_code > 0 || matches!(event, Event::Code(_));
                    let linkable = unlinkable == 0 && !code;
                    let end = block.text.len();
                    a.runs.push(TextRun {
                        event: i,
                        block: current,
                        start,
                        end,
                        source: range.start,
                        linkable,
                        code,
                    });
                }
                Event::SoftBreak | Event::HardBreak if current > 0 => {
                    a.blocks[current - 1].text.push(' ')
                }
                Event::Start(Tag::Paragraph)
                    if current > 0 && !a.blocks[current - 1].text.is_empty() =>
                {
                    a.blocks[current - 1].text.push(' ')
                }
                Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) if current > 0 => {
                    a.blocks[current - 1].text.push(CELL_BARRIER)
                }
                _ => {}
            }
            if let Event::End(end) = &event {
                stack.pop();
                depth = depth.saturating_sub(1);
                match end {
                    TagEnd::Item => in_item -= 1,
                    TagEnd::Table => in_table -= 1,
                    TagEnd::Link | TagEnd::Heading(_) | TagEnd::Image => unlinkable -= 1,
                    TagEnd::CodeBlock => in_code -= 1,
                    _ => {}
                }
            }
            a.events.push(event.into_static());
            a.opens.push(opens);
            if depth == 0 {
                if !matches!(a.events[i], Event::Start(_) | Event::End(_)) {
                    chunk_start = i;
                    chunk_kind = ChunkKind::Other;
                }
                let numbers = std::mem::take(&mut chunk_numbers);
                a.chunks.push(Chunk {
                    kind: chunk_kind,
                    events: chunk_start..i + 1,
                    numbers,
                });
            }
        }
        a
    }

    /// `true` when the article has a code block (the site then needs the highlight stylesheet).
    pub fn has_code(&self) -> bool {
        self.blocks.iter().any(|b| b.kind == BlockKind::Code)
    }

    /// The block numbered `n`.
    pub fn block(&self, n: usize) -> Option<&Block> {
        n.checked_sub(1).and_then(|i| self.blocks.get(i))
    }
}

fn chunk_kind_of(tag: &Tag) -> ChunkKind {
    match tag {
        Tag::Paragraph => ChunkKind::Paragraph,
        Tag::Heading { .. } => ChunkKind::Heading,
        Tag::List(_) => ChunkKind::List,
        Tag::BlockQuote(_) => ChunkKind::Quote,
        Tag::Table(_) => ChunkKind::Table,
        Tag::CodeBlock(_) => ChunkKind::Code,
        Tag::FootnoteDefinition(_) => ChunkKind::Footnote,
        _ => ChunkKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_numbered_in_document_order() {
        let a = Article::parse(
            "# Title\n\nOne *two* three.\n\n- a\n- b\n\n> quoted\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n",
        );
        let kinds: Vec<_> = a
            .blocks
            .iter()
            .map(|b| (b.number, b.kind, b.text.as_str()))
            .collect();
        assert_eq!(kinds[0], (1, BlockKind::Heading, "Title"));
        assert_eq!(kinds[1], (2, BlockKind::Paragraph, "One two three."));
        assert_eq!(kinds[2], (3, BlockKind::Item, "a"));
        assert_eq!(kinds[3], (4, BlockKind::Item, "b"));
        assert_eq!(kinds[4], (5, BlockKind::Paragraph, "quoted"));
        assert_eq!(kinds[5].1, BlockKind::Table);
        assert!(kinds[5].2.contains(CELL_BARRIER));
        assert_eq!(kinds[6], (7, BlockKind::Code, "code\n"));
        let chunk_kinds: Vec<_> = a.chunks.iter().map(|c| c.kind).collect();
        assert_eq!(
            chunk_kinds,
            [
                ChunkKind::Heading,
                ChunkKind::Paragraph,
                ChunkKind::List,
                ChunkKind::Quote,
                ChunkKind::Table,
                ChunkKind::Code
            ]
        );
        assert_eq!(a.chunks[2].numbers, vec![3, 4]);
        assert_eq!(a.blocks[2].line, 5);
    }

    #[test]
    fn loose_list_paragraphs_belong_to_their_item() {
        let a = Article::parse("- one\n\n  more\n- two\n");
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.blocks[0].text, "one more");
    }
}
