//! A simulator handle that checks, when the test ends, that every request
//! the bot sent conforms to the spec.

use std::ops::Deref;
use std::sync::Mutex;

use suara::sim::SimHandle;

/// Wraps a [`SimHandle`] (and derefs to it); on drop, fails the test if any
/// recorded request breaks the spec. Tests that send invalid requests on
/// purpose say which with [`Checked::expect_violations`].
#[derive(Debug)]
pub struct Checked {
    handle: SimHandle,
    expected: Mutex<Vec<String>>,
}

impl Checked {
    /// Starts checking the requests recorded by `handle`.
    pub fn new(handle: SimHandle) -> Self {
        Self {
            handle,
            expected: Mutex::new(Vec::new()),
        }
    }

    /// Declares that this test deliberately sends requests that break the
    /// spec (to see the simulator refuse them). Each pattern is a substring
    /// of a violation, such as `"sendMessage.text"`; at the end every
    /// violation must match a pattern and every pattern a violation, so an
    /// exemption can neither hide another bug nor outlive its reason.
    pub fn expect_violations(&self, patterns: &[&str]) {
        let mut expected = self.expected.lock().unwrap_or_else(|e| e.into_inner());
        expected.extend(patterns.iter().map(|p| (*p).to_owned()));
    }

    /// What is wrong with the requests so far, given the expectations.
    pub fn problems(&self) -> Vec<String> {
        if !super::available() {
            return Vec::new();
        }
        let found = super::violations(&self.handle.requests());
        let expected = self.expected.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<String> = found
            .iter()
            .filter(|v| !expected.iter().any(|p| v.contains(p.as_str())))
            .map(|v| format!("spec violation: {v}"))
            .collect();
        out.extend(
            expected
                .iter()
                .filter(|p| !found.iter().any(|v| v.contains(p.as_str())))
                .map(|p| format!("expected a spec violation matching {p:?}, found none")),
        );
        out
    }
}

impl Deref for Checked {
    type Target = SimHandle;

    fn deref(&self) -> &SimHandle {
        &self.handle
    }
}

impl Drop for Checked {
    fn drop(&mut self) {
        // A second panic while unwinding would abort the whole test binary
        // and hide the first failure.
        if std::thread::panicking() {
            return;
        }
        let problems = self.problems();
        assert!(
            problems.is_empty(),
            "requests sent in this test break the Bot API spec:\n  {}",
            problems.join("\n  ")
        );
    }
}
