//! Model stage: the closed vocabularies of the packet format as enums (an actor's kind, a
//! question's status and priority), each spelled exactly as in the YAML and the output.

use std::fmt;

use super::{ACTOR_KINDS, PRIORITIES, STATUSES};

/// A closed vocabulary: every value, and each one's spelling in YAML and in the output.
pub trait Keyword: Copy + 'static {
    /// Every value, in the order of its spellings' list.
    const ALL: &'static [Self];
    /// The spellings, in the order of [`Keyword::ALL`] (the list the schema and the errors show).
    const NAMES: &'static [&'static str];

    /// The value's spelling.
    fn as_str(self) -> &'static str;

    /// The value spelled `name`, if any.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

/// Declares a keyword enum over one of the spelling lists.
macro_rules! keyword {
    ($(#[$doc:meta])* $name:ident, $names:ident, { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl Keyword for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const NAMES: &'static [&'static str] = &$names;

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl $name {
            /// The value's spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<Ser: serde::Serializer>(&self, s: Ser) -> Result<Ser::Ok, Ser::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword!(
    /// An actor's `kind`.
    ActorKind, ACTOR_KINDS, {
        /// `person` (the default).
        Person = "person",
        /// `organization`.
        Organization = "organization",
        /// `country`.
        Country = "country",
        /// `group`.
        Group = "group",
    }
);

keyword!(
    /// A question's `status`.
    Status, STATUSES, {
        /// `open` (the default).
        Open = "open",
        /// `answered`: the question has an `answer`.
        Answered = "answered",
        /// `moot`.
        Moot = "moot",
    }
);

keyword!(
    /// A question's `priority`, highest first (the derived order ranks them).
    Priority, PRIORITIES, {
        /// `high`.
        High = "high",
        /// `medium` (the default).
        Medium = "medium",
        /// `low`.
        Low = "low",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    fn same<K: Keyword + fmt::Display>() {
        let names: Vec<&str> = K::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names, K::NAMES);
        for k in K::ALL {
            assert_eq!(k.to_string(), k.as_str());
            assert_eq!(
                K::from_name(k.as_str()).map(|x| x.as_str()),
                Some(k.as_str())
            );
        }
        assert!(K::from_name("nope").is_none());
    }

    #[test]
    fn enums_spell_their_lists_in_order() {
        same::<ActorKind>();
        same::<Status>();
        same::<Priority>();
    }
}
