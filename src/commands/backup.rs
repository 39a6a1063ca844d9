//! `suara backup` and `suara restore`: a consistent copy of the SQLite
//! database while `serve` runs, and putting one back into an empty place.
//! Reports and drafts are ciphertext in the copy as in the database; the
//! server key is not in it and must be kept apart (docs/operations.md).

use std::path::Path;

use secrecy::ExposeSecret;

use super::CommandError;
use crate::config::Settings;
use crate::store::{self, StoreError};

/// Writes the copy; refuses to overwrite a file.
pub async fn backup(settings: &Settings, file: &Path) -> Result<(), CommandError> {
    if file.exists() {
        return Err(CommandError::Usage(format!(
            "{} exists already; a backup never overwrites a file",
            file.display()
        )));
    }
    let store = store::connect(settings).await?;
    store.migrate().await?;
    store.backup_into(file).await?;
    restrict(file)?;
    println!("backup written to {}", file.display());
    println!(
        "It holds reports and drafts only as ciphertext. It does not hold the server key: \
         keep the key file apart from backups, or the backup cannot be used."
    );
    Ok(())
}

/// Puts `file` in place of the configured SQLite database, which must not
/// hold anything yet; then checks it.
pub async fn restore(settings: &Settings, file: &Path) -> Result<(), CommandError> {
    let url = settings.database_url()?;
    let url = url.expose_secret();
    let Some(target) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Err(CommandError::Usage(
            "suara restore puts back an SQLite backup; for PostgreSQL use pg_restore".into(),
        ));
    };
    let target = Path::new(target.split('?').next().unwrap_or(target));
    if target.exists() {
        let existing = store::connect(settings).await?;
        if !existing.is_empty().await? {
            return Err(CommandError::Usage(format!(
                "{} already holds data; restore into an empty data directory",
                target.display()
            )));
        }
        existing.close_pool().await;
        for suffix in ["", "-wal", "-shm"] {
            let path = format!("{}{suffix}", target.display());
            let _ = std::fs::remove_file(path);
        }
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::copy(file, target)?;
    std::fs::File::open(target)?.sync_all()?;
    restrict(target)?;
    let store = store::connect(settings).await?;
    store.migrate().await?;
    let check = store.integrity_check().await?;
    if check != "ok" {
        return Err(StoreError::Corrupt(format!("integrity check: {check}")).into());
    }
    println!(
        "restored {} into {}: integrity ok",
        file.display(),
        target.display()
    );
    println!("Next: suara check-config, suara audit verify, then serve with the same server key.");
    Ok(())
}

/// Backups and databases are readable by their owner only.
fn restrict(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}
