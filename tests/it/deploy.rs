//! The deploy files: the systemd unit verifies, and the container file and
//! the nginx example name what the docs say they do.

use std::path::Path;

fn deploy(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("deploy")
            .join(name),
    )
    .unwrap()
}

#[test]
fn the_systemd_unit_verifies_with_systemd_analyze() {
    let Ok(found) = which("systemd-analyze") else {
        assert!(
            std::env::var("CI").is_err(),
            "systemd-analyze (Debian's systemd) is required under CI"
        );
        eprintln!("systemd-analyze not installed: skipping");
        return;
    };
    // The unit names the installed binary; point it at the one built here.
    let unit = deploy("suara.service").replace("/usr/local/bin/suara", env!("CARGO_BIN_EXE_suara"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("suara.service");
    std::fs::write(&path, unit).unwrap();
    let out = std::process::Command::new(found)
        .args(["verify", path.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    // Users and credential files exist only on the target machine.
    let real: Vec<&str> = said
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter(|l| !l.contains("User=") && !l.contains("Group=") && !l.contains("LoadCredential"))
        .collect();
    assert!(out.status.success() || real.is_empty(), "{said}");
    assert!(real.is_empty(), "{said}");
}

#[test]
fn the_unit_keeps_secrets_out_and_the_system_read_only() {
    let unit = deploy("suara.service");
    for line in [
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "StateDirectory=suara",
        "Restart=on-failure",
        "LoadCredential=server.key:",
    ] {
        assert!(unit.contains(line), "{line}");
    }
    let container = deploy("Containerfile");
    assert!(container.contains("USER nonroot") && container.contains("distroless"));
    let nginx = deploy("nginx.conf");
    assert!(nginx.contains("X-Telegram-Bot-Api-Secret-Token"));
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
        .ok_or(())
}
