//! Kinds of file a reporter can attach to her story.

code_enum! {
    /// What an attachment is; decides how the console shows it.
    pub enum AttachmentKind (kind = "attachment kind", key = "attachment") {
        Voice => "voice",
        Audio => "audio",
        Photo => "photo",
        Document => "document",
        Video => "video",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attachment_kind_round_trips() {
        for kind in AttachmentKind::ALL {
            assert_eq!(AttachmentKind::parse(kind.as_str()).unwrap(), *kind);
        }
        assert!(AttachmentKind::parse("sticker").is_err());
    }
}
