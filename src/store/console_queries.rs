//! [`impl_console_store!`]: the [`super::console::ConsoleStore`] methods,
//! written once for both databases. `$month` is the database's SQL for the
//! `YYYY-MM` of a `created_at` in Unix milliseconds.

macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                Arg::Text(s) => q.bind(s),
                Arg::Int(i) => q.bind(i),
            };
        }
        q
    }};
}

macro_rules! impl_console_store {
    ($store:ty, $db:ty, $month:literal) => {
        #[async_trait::async_trait]
        impl $crate::store::console::ConsoleStore for $store {
            async fn insert_session(&self, s: &ConsoleSession) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO console_sessions (id_hash, worker_id, stage, key_sealed, csrf, \
                     created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(s.id_hash.as_slice())
                .bind(s.worker_id.as_str())
                .bind(s.stage.as_str())
                .bind(s.key.as_ref().map(|k| k.as_bytes()))
                .bind(s.csrf.as_str())
                .bind(millis(s.created_at))
                .bind(millis(s.last_seen))
                .bind(millis(s.expires_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(&self, id_hash: &[u8]) -> Result<Option<ConsoleSession>, StoreError> {
                let row: Option<SessionRow> =
                    sqlx::query_as("SELECT * FROM console_sessions WHERE id_hash = $1")
                        .bind(id_hash)
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(session).transpose()
            }

            async fn touch_session(&self, id_hash: &[u8], at: DateTime<Utc>) -> Result<(), StoreError> {
                sqlx::query("UPDATE console_sessions SET last_seen = $1 WHERE id_hash = $2")
                    .bind(millis(at))
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_session(&self, id_hash: &[u8]) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM console_sessions WHERE id_hash = $1")
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_sessions_of(&self, worker_id: &str) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM console_sessions WHERE worker_id = $1")
                    .bind(worker_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn purge_sessions(
                &self,
                now: DateTime<Utc>,
                idle_before: DateTime<Utc>,
            ) -> Result<u64, StoreError> {
                let done = sqlx::query(
                    "DELETE FROM console_sessions WHERE expires_at <= $1 OR last_seen < $2",
                )
                .bind(millis(now))
                .bind(millis(idle_before))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            async fn record_failed_login(
                &self,
                worker_id: &str,
                lock_after: i64,
                lock_until: DateTime<Utc>,
            ) -> Result<i64, StoreError> {
                let (count,): (i64,) = sqlx::query_as(
                    "UPDATE case_workers SET failed_logins = failed_logins + 1, \
                     locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END \
                     WHERE id = $3 RETURNING failed_logins",
                )
                .bind(lock_after)
                .bind(millis(lock_until))
                .bind(worker_id)
                .fetch_one(&self.pool)
                .await?;
                Ok(count)
            }

            async fn record_login(&self, worker_id: &str) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE case_workers SET failed_logins = 0, locked_until = NULL WHERE id = $1",
                )
                .bind(worker_id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn use_totp_step(&self, worker_id: &str, step: i64) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE case_workers SET last_totp_step = $1 WHERE id = $2 \
                     AND (last_totp_step IS NULL OR last_totp_step < $1)",
                )
                .bind(step)
                .bind(worker_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_totp(
                &self,
                worker_id: &str,
                totp: Option<&Sealed<TotpSecret>>,
            ) -> Result<(), StoreError> {
                let done = sqlx::query(
                    "UPDATE case_workers SET totp_sealed = $1, last_totp_step = NULL WHERE id = $2",
                )
                .bind(totp.map(|t| t.as_bytes()))
                .bind(worker_id)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }

            async fn worker_by_id(&self, id: &str) -> Result<Option<Worker>, StoreError> {
                let row: Option<WorkerRow> = sqlx::query_as("SELECT * FROM case_workers WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(worker).transpose()
            }

            async fn set_worker_disabled(&self, id: &str, disabled: bool) -> Result<(), StoreError> {
                sqlx::query("UPDATE case_workers SET disabled = $1 WHERE id = $2")
                    .bind(disabled)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn update_worker_scope(
                &self,
                id: &str,
                regions: &[String],
                agency: Option<&str>,
            ) -> Result<(), StoreError> {
                sqlx::query("UPDATE case_workers SET regions = $1, agency = $2 WHERE id = $3")
                    .bind(regions.join(","))
                    .bind(agency)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn queue(&self, query: &QueueQuery) -> Result<Vec<QueueRow>, StoreError> {
                let (sql, args) = queue_sql(query);
                let rows: Vec<QueueDbRow> =
                    bind_args!(sqlx::query_as::<_, QueueDbRow>(&sql), args)
                        .fetch_all(&self.pool)
                        .await?;
                if rows.is_empty() {
                    return Ok(Vec::new());
                }
                let mut ids = Sql::default();
                let marks: Vec<String> = rows.iter().map(|r| ids.text(r.report.id.as_str())).collect();
                let type_sql = format!(
                    "SELECT report_id, violence_type FROM report_types WHERE report_id IN ({}) \
                     ORDER BY violence_type",
                    marks.join(", ")
                );
                let types: Vec<(String, String)> =
                    bind_args!(sqlx::query_as::<_, (String, String)>(&type_sql), ids.args)
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter()
                    .map(|row| {
                        let mine = types
                            .iter()
                            .filter(|(id, _)| *id == row.report.id)
                            .map(|(_, t)| t.clone())
                            .collect();
                        queue_row(row, mine)
                    })
                    .collect()
            }

            async fn is_referred(&self, id: &ReportId) -> Result<bool, StoreError> {
                let (referred,): (bool,) = sqlx::query_as("SELECT referred FROM reports WHERE id = $1")
                    .bind(id.to_string())
                    .fetch_one(&self.pool)
                    .await?;
                Ok(referred)
            }

            async fn insert_event(&self, e: &ReportEvent) -> Result<(), StoreError> {
                Self::insert_event_in(&self.pool, e).await
            }

            async fn events_of(&self, id: &ReportId) -> Result<Vec<ReportEvent>, StoreError> {
                let rows: Vec<EventRow> = sqlx::query_as(
                    "SELECT * FROM report_events WHERE report_id = $1 ORDER BY at, id",
                )
                .bind(id.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(event).collect()
            }

            async fn change_status(
                &self,
                id: &ReportId,
                from: Status,
                e: &ReportEvent,
            ) -> Result<(), StoreError> {
                let to = e.to_status.ok_or(StoreError::Conflict("no target status"))?;
                let closed_at = (!to.is_open()).then_some(millis(e.at));
                let mut tx = self.pool.begin().await?;
                let done = sqlx::query(
                    "UPDATE reports SET status = $1, updated_at = $2, closed_at = $3, \
                     acknowledged_at = COALESCE(acknowledged_at, $2) WHERE id = $4 AND status = $5",
                )
                .bind(to.as_str())
                .bind(millis(e.at))
                .bind(closed_at)
                .bind(id.to_string())
                .bind(from.as_str())
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Err(StoreError::Conflict("status changed concurrently"));
                }
                Self::insert_event_in(&mut *tx, e).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn assign(
                &self,
                id: &ReportId,
                to: Option<&str>,
                e: &ReportEvent,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin().await?;
                // Taking a report is a first response; unassigning is not.
                let sql = if to.is_some() {
                    "UPDATE reports SET assigned_to = $1, updated_at = $2, \
                     acknowledged_at = COALESCE(acknowledged_at, $2) WHERE id = $3"
                } else {
                    "UPDATE reports SET assigned_to = $1, updated_at = $2 WHERE id = $3"
                };
                let done = sqlx::query(sql)
                .bind(to)
                .bind(millis(e.at))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Err(StoreError::NotFound);
                }
                Self::insert_event_in(&mut *tx, e).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn insert_referral(
                &self,
                r: &Referral,
                grants: &[ReferralGrant],
                e: &ReportEvent,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "INSERT INTO referrals (id, report_id, agency, fields, referred_by, at, payload_sealed) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(r.id.as_str())
                .bind(r.report_id.to_string())
                .bind(r.agency.as_str())
                .bind($crate::domain::casework::ShareField::join(&r.fields))
                .bind(r.referred_by.as_deref())
                .bind(millis(r.at))
                .bind(r.payload.as_bytes())
                .execute(&mut *tx)
                .await?;
                for g in grants {
                    sqlx::query(
                        "INSERT INTO referral_keys (referral_id, worker_id, key_sealed) VALUES ($1, $2, $3)",
                    )
                    .bind(r.id.as_str())
                    .bind(g.worker_id.as_str())
                    .bind(g.key.to_bytes())
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query("UPDATE reports SET referred = TRUE, updated_at = $1 WHERE id = $2")
                    .bind(millis(r.at))
                    .bind(r.report_id.to_string())
                    .execute(&mut *tx)
                    .await?;
                Self::insert_event_in(&mut *tx, e).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn referrals_of(&self, id: &ReportId) -> Result<Vec<Referral>, StoreError> {
                let rows: Vec<ReferralRow> =
                    sqlx::query_as("SELECT * FROM referrals WHERE report_id = $1 ORDER BY at, id")
                        .bind(id.to_string())
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter().map(referral).collect()
            }

            async fn referral_for(
                &self,
                id: &ReportId,
                worker_id: &str,
            ) -> Result<Option<(Referral, SealedReportKey)>, StoreError> {
                let row: Option<(String, Vec<u8>)> = sqlx::query_as(
                    "SELECT f.id, rk.key_sealed FROM referrals f JOIN referral_keys rk \
                     ON rk.referral_id = f.id WHERE f.report_id = $1 AND rk.worker_id = $2 \
                     ORDER BY f.at DESC, f.id LIMIT 1",
                )
                .bind(id.to_string())
                .bind(worker_id)
                .fetch_optional(&self.pool)
                .await?;
                let Some((referral_id, key)) = row else {
                    return Ok(None);
                };
                let row: ReferralRow = sqlx::query_as("SELECT * FROM referrals WHERE id = $1")
                    .bind(referral_id)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(Some((referral(row)?, sealed_key(key)?)))
            }

            async fn audit_of_report(&self, id: &ReportId) -> Result<Vec<AuditEntry>, StoreError> {
                let rows: Vec<AuditRow> = sqlx::query_as(
                    "SELECT seq, at, actor, action, report_id, detail, prev_hash, hash FROM audit_log \
                     WHERE report_id = $1 ORDER BY seq",
                )
                .bind(id.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(audit_entry).collect()
            }

            async fn audit_page(
                &self,
                before_seq: Option<i64>,
                limit: i64,
            ) -> Result<Vec<AuditEntry>, StoreError> {
                let rows: Vec<AuditRow> = sqlx::query_as(
                    "SELECT seq, at, actor, action, report_id, detail, prev_hash, hash FROM audit_log \
                     WHERE seq < $1 ORDER BY seq DESC LIMIT $2",
                )
                .bind(before_seq.unwrap_or(i64::MAX))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(audit_entry).collect()
            }

            async fn stats(&self, scope: &StatsScope) -> Result<Stats, StoreError> {
                let mut stats = Stats::default();
                let group = |expr: &str, join: &str| {
                    let mut sql = Sql::default();
                    let filter = scope_sql(scope, &mut sql);
                    (
                        format!(
                            "SELECT {expr} AS k, COUNT(*) FROM reports r {join} WHERE {filter} \
                             GROUP BY {expr} ORDER BY {expr}"
                        ),
                        sql.args,
                    )
                };
                let province = "COALESCE(CASE WHEN r.region_code = 'abroad' THEN 'abroad' \
                                ELSE substr(r.region_code, 1, 2) END, '')";
                let dims: [(&str, &str, &mut Counts); 7] = [
                    ($month, "", &mut stats.by_month),
                    ("t.violence_type", "JOIN report_types t ON t.report_id = r.id", &mut stats.by_type),
                    (province, "", &mut stats.by_province),
                    ("COALESCE(r.age_band, '')", "", &mut stats.by_age_band),
                    ("COALESCE(r.victim_sex, '')", "", &mut stats.by_sex),
                    ("r.urgency", "", &mut stats.by_urgency),
                    ("r.status", "", &mut stats.by_status),
                ];
                for (expr, join, out) in dims {
                    let (sql, args) = group(expr, join);
                    let rows: Vec<(String, i64)> =
                        bind_args!(sqlx::query_as::<_, (String, i64)>(&sql), args)
                            .fetch_all(&self.pool)
                            .await?;
                    *out = Counts(rows);
                }
                stats.total = stats.by_status.0.iter().map(|(_, n)| n).sum();
                for (column, out) in [
                    ("r.acknowledged_at", &mut stats.response_ms),
                    ("r.closed_at", &mut stats.close_ms),
                ] {
                    let mut sql = Sql::default();
                    let filter = scope_sql(scope, &mut sql);
                    let text = format!(
                        "SELECT {column} - r.created_at FROM reports r WHERE {filter} \
                         AND {column} IS NOT NULL ORDER BY 1"
                    );
                    let rows: Vec<(i64,)> = bind_args!(sqlx::query_as::<_, (i64,)>(&text), sql.args)
                        .fetch_all(&self.pool)
                        .await?;
                    *out = rows.into_iter().map(|(v,)| v).collect();
                }
                Ok(stats)
            }
        }

        impl $store {
            async fn insert_event_in<'e, E>(executor: E, e: &ReportEvent) -> Result<(), StoreError>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                sqlx::query(
                    "INSERT INTO report_events (id, report_id, at, actor_id, kind, from_status, \
                     to_status, subject, body_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(e.id.as_str())
                .bind(e.report_id.to_string())
                .bind(millis(e.at))
                .bind(e.actor_id.as_deref())
                .bind(e.kind.as_str())
                .bind(e.from_status.map(|s| s.as_str()))
                .bind(e.to_status.map(|s| s.as_str()))
                .bind(e.subject.as_deref())
                .bind(e.body.as_ref().map(|b| b.as_bytes()))
                .execute(executor)
                .await?;
                Ok(())
            }
        }
    };
}

pub(super) use {bind_args, impl_console_store};
