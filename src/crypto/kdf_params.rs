//! [`KdfParams`]: Argon2id cost parameters, with the production choice, an
//! OWASP check and upper bounds for parameters read from storage.

use argon2::{Algorithm, Argon2, Params, Version};

use super::CryptoError;

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Passes over memory.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl KdfParams {
    /// What Suara uses: 64 MiB, 3 passes, 1 lane (stronger than OWASP's
    /// minimum; about 0.3 s per derivation in a release build on the
    /// 2-core development machine).
    pub const PRODUCTION: Self = Self {
        m_cost_kib: 65_536,
        t_cost: 3,
        p_cost: 1,
    };

    /// Deliberately weak parameters for tests only.
    pub const INSECURE_FOR_TESTS: Self = Self {
        m_cost_kib: 64,
        t_cost: 1,
        p_cost: 1,
    };

    // Refuse stored parameters that would let a tampered blob exhaust memory
    // or CPU: at most 1 GiB, 16 passes, 8 lanes.
    const MAX: Self = Self {
        m_cost_kib: 1 << 20,
        t_cost: 16,
        p_cost: 8,
    };

    /// True if at least one of OWASP's recommended Argon2id configurations
    /// (Password Storage Cheat Sheet) is met: 46 MiB/1/1, 19 MiB/2/1,
    /// 12 MiB/3/1, 9 MiB/4/1 or 7 MiB/5/1 (same ratio of memory and passes).
    pub fn meets_owasp(&self) -> bool {
        const OWASP: [(u32, u32); 5] = [
            (47_104, 1),
            (19_456, 2),
            (12_288, 3),
            (9_216, 4),
            (7_168, 5),
        ];
        self.p_cost >= 1
            && OWASP
                .iter()
                .any(|&(m, t)| self.m_cost_kib >= m && self.t_cost >= t)
    }

    pub(crate) fn to_argon2(self) -> Result<Argon2<'static>, CryptoError> {
        if self.m_cost_kib > Self::MAX.m_cost_kib
            || self.t_cost > Self::MAX.t_cost
            || self.p_cost > Self::MAX.p_cost
        {
            return Err(CryptoError::KdfParams("above the accepted maximum"));
        }
        let params = Params::new(self.m_cost_kib, self.t_cost, self.p_cost, Some(32))
            .map_err(|_| CryptoError::KdfParams("rejected by argon2"))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}
