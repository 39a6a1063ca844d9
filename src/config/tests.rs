//! Settings: defaults, file, environment and the one-line errors.

// figment::Error is large by design, and only tests return it.
#![allow(clippy::result_large_err)]

use figment::Jail;
use secrecy::ExposeSecret;

use super::*;

fn load_in(jail: &mut Jail, toml: Option<&str>) -> Result<Settings, ConfigError> {
    match toml {
        Some(body) => {
            jail.create_file("suara.toml", body).expect("write config");
            Settings::load(Some(Path::new("suara.toml")))
        }
        None => Settings::load(None),
    }
}

/// Loads settings that are expected to be valid, inside a jail.
fn ok(jail: &mut Jail, toml: Option<&str>) -> figment::error::Result<Settings> {
    load_in(jail, toml).map_err(|e| figment::Error::from(e.to_string()))
}

#[test]
fn defaults_are_valid_and_point_at_sqlite_in_the_data_dir() {
    Jail::expect_with(|jail| {
        let s = load_in(jail, None).expect("defaults load");
        assert_eq!(
            s.database_url().unwrap().expose_secret(),
            "sqlite://data/suara.db"
        );
        assert_eq!(s.telegram.api_url, TELEGRAM_API_URL);
        assert!(s.console_listen().unwrap().ip().is_loopback());
        Ok(())
    });
}

#[test]
fn environment_overrides_the_file() {
    Jail::expect_with(|jail| {
        jail.set_env("SUARA_TELEGRAM_API_URL", "http://127.0.0.1:9999");
        jail.set_env("SUARA_DATA_DIR", "/tmp/x");
        let s = ok(
            jail,
            Some("[telegram]\napi_url = \"http://example.invalid\"\n"),
        )?;
        assert_eq!(s.telegram.api_url, "http://127.0.0.1:9999");
        assert_eq!(s.data.dir, PathBuf::from("/tmp/x"));
        Ok(())
    });
}

#[test]
fn a_missing_token_names_the_environment_variable() {
    Jail::expect_with(|jail| {
        let s = ok(jail, None)?;
        let err = s.require_token().unwrap_err().to_string();
        assert!(err.contains("SUARA_TELEGRAM_TOKEN"), "{err}");
        assert!(!err.contains('\n'));
        Ok(())
    });
}

#[test]
fn an_unknown_setting_is_named() {
    Jail::expect_with(|jail| {
        let err = load_in(jail, Some("[telegram]\ntokn = \"x\"\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("tokn"), "{err}");
        Ok(())
    });
}

#[test]
fn a_wrong_type_is_named_without_its_value() {
    Jail::expect_with(|jail| {
        jail.set_env("SUARA_DATABASE_MAX_CONNECTIONS", "lots");
        let err = load_in(jail, None).unwrap_err().to_string();
        assert!(err.contains("database.max_connections"), "{err}");
        assert!(!err.contains("lots"), "{err}");
        Ok(())
    });
}

#[test]
fn an_unsupported_database_scheme_is_refused() {
    Jail::expect_with(|jail| {
        jail.set_env("SUARA_DATABASE_URL", "mysql://root@localhost/suara");
        let err = load_in(jail, None).unwrap_err().to_string();
        assert!(
            err.contains("database.url") && err.contains("mysql"),
            "{err}"
        );
        assert!(!err.contains("root@"), "{err}");
        Ok(())
    });
}

#[test]
fn a_bad_listen_address_is_refused() {
    Jail::expect_with(|jail| {
        jail.set_env("SUARA_CONSOLE_LISTEN", "everywhere");
        let err = load_in(jail, None).unwrap_err().to_string();
        assert!(err.contains("console.listen"), "{err}");
        Ok(())
    });
}

#[test]
fn secrets_do_not_appear_in_debug_output() {
    Jail::expect_with(|jail| {
        jail.set_env("SUARA_TELEGRAM_TOKEN", "123456:SECRET-TOKEN-VALUE");
        jail.set_env("SUARA_DATABASE_URL", "postgres://u:hunter2@db/suara");
        let s = ok(jail, None)?;
        let debug = format!("{s:?}");
        assert!(!debug.contains("SECRET-TOKEN-VALUE"), "{debug}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert_eq!(
            s.require_token().unwrap().expose_secret(),
            "123456:SECRET-TOKEN-VALUE"
        );
        Ok(())
    });
}

#[test]
fn a_missing_config_file_is_reported() {
    let err = Settings::load(Some(Path::new("/nonexistent/suara.toml"))).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/suara.toml"));
}

#[test]
fn the_test_suites_own_variables_are_not_settings() {
    Jail::expect_with(|jail| {
        jail.set_env("SUARA_TEST_BOT_API_SPEC", "/x/bot-api.json");
        jail.set_env("SUARA_TEST_PG_URL", "postgres://x");
        jail.set_env("SUARA_CONFIG", "/nonexistent");
        ok(jail, None)?;
        Ok(())
    });
}

#[test]
fn a_time_zone_outside_the_table_is_named_with_the_ones_that_work() {
    Jail::expect_with(|jail| {
        jail.set_env("SUARA_CONSOLE_TIME_ZONE", "Asia/Jayapura");
        assert_eq!(ok(jail, None)?.console.time_zone, "Asia/Jayapura");
        jail.set_env("SUARA_CONSOLE_TIME_ZONE", "Mars/Olympus");
        let err = load_in(jail, None).unwrap_err().to_string();
        assert!(err.contains("console.time_zone"), "{err}");
        assert!(err.contains("Asia/Makassar"), "{err}");
        Ok(())
    });
}
