//! Fetching a file she sent: `getFile`, then the download, into memory
//! only. The service seals it at once with the draft's report key; the
//! plaintext never touches disk.

use std::time::Duration;

use teloxide::payloads::GetFile;
use teloxide::types::FileId;
use zeroize::Zeroizing;

use super::api::Api;
use crate::service::apply::Fetch;

/// Files of up to 20 MB can be downloaded by a bot; a minute is plenty.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60);

pub struct TelegramFiles {
    pub api: Api,
    pub max_bytes: u64,
}

#[async_trait::async_trait]
impl Fetch for TelegramFiles {
    async fn fetch(&self, handle: &str) -> Result<Zeroizing<Vec<u8>>, String> {
        let file: teloxide::types::File = self
            .api
            .call(
                &GetFile::new(FileId(handle.to_owned())),
                Duration::from_secs(10),
            )
            .await
            .map_err(|e| e.to_string())?;
        self.api
            .download(&file.path, self.max_bytes, DOWNLOAD_TIMEOUT)
            .await
            .map_err(|e| e.to_string())
    }
}
