//! [`impl_store!`]: the `Store` methods whose SQL is the same on SQLite and
//! PostgreSQL. A backend expands it inside its own file, adding the methods
//! that differ (connection setup, migrations, claiming the outbox).

/// Expands to `impl Store for $store`, with `$own` spliced in. `$store`
/// must have a `pool` field.
macro_rules! impl_store {
    ($store:ty, $db:ty, { $($own:tt)* }) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            $($own)*

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            #[tracing::instrument(skip_all, fields(report.id = %report.meta.id))]
            async fn insert_report(&self, report: &NewReport) -> Result<(), StoreError> {
                let m = &report.meta;
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "INSERT INTO reports (id, created_at, updated_at, status, urgency, urgency_rank, \
                     region_code, age_band, victim_sex, reporter_role, contact_allowed, assigned_to, \
                     acknowledged_at, closed_at, receipt_hash, reporter_ref, chat_sealed, payload_sealed) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
                )
                .bind(m.id.to_string())
                .bind(millis(m.created_at))
                .bind(millis(m.updated_at))
                .bind(m.status.as_str())
                .bind(m.urgency.as_str())
                .bind(urgency_rank(m.urgency))
                .bind(m.area.as_ref().map(|a| a.as_str()))
                .bind(m.age_band.map(|a| a.as_str()))
                .bind(m.victim_sex.map(|s| s.as_str()))
                .bind(m.reporter.map(|r| r.as_str()))
                .bind(m.contact_allowed)
                .bind(m.assigned_to.as_deref())
                .bind(opt_millis(m.acknowledged_at))
                .bind(opt_millis(m.closed_at))
                .bind(report.receipt_hash.as_slice())
                .bind(report.reporter_ref.as_deref())
                .bind(report.chat.as_ref().map(|c| c.as_bytes()))
                .bind(report.payload.as_bytes())
                .execute(&mut *tx)
                .await?;
                for vt in &m.violence_types {
                    sqlx::query("INSERT INTO report_types (report_id, violence_type) VALUES ($1, $2)")
                        .bind(m.id.to_string())
                        .bind(vt.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
                for grant in &report.keys {
                    Self::insert_key(&mut *tx, grant).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn report_meta(&self, id: &ReportId) -> Result<ReportMeta, StoreError> {
                let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1");
                let row: ReportRow = sqlx::query_as(&sql).bind(id.to_string()).fetch_one(&self.pool).await?;
                let types = self.types_of(&row.id).await?;
                report_meta(row, types)
            }

            async fn report_payload(&self, id: &ReportId) -> Result<Sealed<ReportPayload>, StoreError> {
                let (bytes,): (Vec<u8>,) = sqlx::query_as("SELECT payload_sealed FROM reports WHERE id = $1")
                    .bind(id.to_string())
                    .fetch_one(&self.pool)
                    .await?;
                sealed(bytes)
            }

            async fn report_chat(&self, id: &ReportId) -> Result<Option<Sealed<ChatRef>>, StoreError> {
                let (bytes,): (Option<Vec<u8>>,) = sqlx::query_as("SELECT chat_sealed FROM reports WHERE id = $1")
                    .bind(id.to_string())
                    .fetch_one(&self.pool)
                    .await?;
                bytes.map(sealed).transpose()
            }

            async fn report_by_receipt(&self, receipt_hash: &[u8]) -> Result<Option<ReportMeta>, StoreError> {
                let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE receipt_hash = $1");
                let row: Option<ReportRow> =
                    sqlx::query_as(&sql).bind(receipt_hash).fetch_optional(&self.pool).await?;
                match row {
                    Some(row) => {
                        let types = self.types_of(&row.id).await?;
                        Ok(Some(report_meta(row, types)?))
                    }
                    None => Ok(None),
                }
            }

            #[tracing::instrument(skip_all, fields(report.id = %id))]
            async fn set_report_status(
                &self,
                id: &ReportId,
                from: Status,
                to: Status,
                at: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                let closed_at = (!to.is_open()).then_some(millis(at));
                let done = sqlx::query(
                    "UPDATE reports SET status = $1, updated_at = $2, closed_at = $3, \
                     acknowledged_at = COALESCE(acknowledged_at, $2) WHERE id = $4 AND status = $5",
                )
                .bind(to.as_str())
                .bind(millis(at))
                .bind(closed_at)
                .bind(id.to_string())
                .bind(from.as_str())
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 1 {
                    return Ok(());
                }
                // Tell "no such report" from "someone changed it first".
                self.report_meta(id).await?;
                Err(StoreError::Conflict("status changed concurrently"))
            }

            #[tracing::instrument(skip_all, fields(report.id = %id))]
            async fn delete_report(&self, id: &ReportId) -> Result<(), StoreError> {
                let id = id.to_string();
                let mut tx = self.pool.begin().await?;
                for sql in [
                    "DELETE FROM report_keys WHERE report_id = $1",
                    "DELETE FROM attachments WHERE report_id = $1",
                    "DELETE FROM reporter_messages WHERE report_id = $1",
                    "DELETE FROM report_types WHERE report_id = $1",
                ] {
                    sqlx::query(sql).bind(&id).execute(&mut *tx).await?;
                }
                let done = sqlx::query("DELETE FROM reports WHERE id = $1").bind(&id).execute(&mut *tx).await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                tx.commit().await?;
                Ok(())
            }

            async fn count_reports(&self) -> Result<i64, StoreError> {
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reports").fetch_one(&self.pool).await?;
                Ok(n)
            }

            async fn replace_receipt_hash(&self, id: &ReportId, receipt_hash: &[u8]) -> Result<(), StoreError> {
                sqlx::query("UPDATE reports SET receipt_hash = $1 WHERE id = $2")
                    .bind(receipt_hash)
                    .bind(id.to_string())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn reports_closed_before(&self, before: DateTime<Utc>, limit: i64) -> Result<Vec<ReportId>, StoreError> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT id FROM reports WHERE closed_at IS NOT NULL AND closed_at < $1 ORDER BY closed_at LIMIT $2",
                )
                .bind(millis(before))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(|(id,)| parse_report_id(id)).collect()
            }

            async fn grant_report_key(&self, grant: &KeyGrant) -> Result<(), StoreError> {
                Self::insert_key(&self.pool, grant).await
            }

            async fn report_key(
                &self,
                id: &ReportId,
                recipient: &Recipient,
            ) -> Result<Option<SealedReportKey>, StoreError> {
                let row: Option<(Vec<u8>,)> =
                    sqlx::query_as("SELECT key_sealed FROM report_keys WHERE report_id = $1 AND recipient = $2")
                        .bind(id.to_string())
                        .bind(recipient.to_column())
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(|(bytes,)| sealed_key(bytes)).transpose()
            }

            async fn report_keys_of(
                &self,
                recipient: &Recipient,
            ) -> Result<Vec<(ReportId, SealedReportKey)>, StoreError> {
                let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
                    "SELECT report_id, key_sealed FROM report_keys WHERE recipient = $1 ORDER BY report_id",
                )
                .bind(recipient.to_column())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(id, bytes)| Ok((parse_report_id(&id)?, sealed_key(bytes)?)))
                    .collect()
            }

            async fn insert_attachment(&self, a: &NewAttachment) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO attachments (id, report_id, kind, size_bytes, created_at, meta_sealed, content_sealed) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&a.id)
                .bind(a.report_id.to_string())
                .bind(a.kind.as_str())
                .bind(a.size_bytes)
                .bind(millis(a.created_at))
                .bind(a.meta.as_bytes())
                .bind(a.content.as_bytes())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn attachments_of(&self, id: &ReportId) -> Result<Vec<AttachmentInfo>, StoreError> {
                let rows: Vec<(String, String, String, i64, i64, Vec<u8>)> = sqlx::query_as(
                    "SELECT id, report_id, kind, size_bytes, created_at, meta_sealed FROM attachments \
                     WHERE report_id = $1 ORDER BY created_at, id",
                )
                .bind(id.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(id, report_id, kind, size_bytes, created_at, meta)| {
                        Ok(AttachmentInfo {
                            id,
                            report_id: parse_report_id(&report_id)?,
                            kind: AttachmentKind::parse(&kind)
                                .map_err(|e| StoreError::Corrupt(format!("attachment kind: {e}")))?,
                            size_bytes,
                            created_at: from_millis(created_at)?,
                            meta: sealed(meta)?,
                        })
                    })
                    .collect()
            }

            async fn attachment_content(&self, attachment_id: &str) -> Result<Sealed<AttachmentBody>, StoreError> {
                let (bytes,): (Vec<u8>,) = sqlx::query_as("SELECT content_sealed FROM attachments WHERE id = $1")
                    .bind(attachment_id)
                    .fetch_one(&self.pool)
                    .await?;
                sealed(bytes)
            }

            async fn delete_attachments_of(&self, id: &ReportId) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM attachments WHERE report_id = $1")
                    .bind(id.to_string())
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn delete_attachment(&self, attachment_id: &str) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM attachments WHERE id = $1").bind(attachment_id).execute(&self.pool).await?;
                Ok(())
            }

            async fn purge_orphan_attachments(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
                let done = sqlx::query(
                    "DELETE FROM attachments WHERE created_at < $1 \
                     AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.id = attachments.report_id) \
                     AND NOT EXISTS (SELECT 1 FROM dialogues WHERE dialogues.draft_id = attachments.report_id)",
                )
                .bind(millis(before))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            async fn reports_by_reporter(&self, reporter_ref: &[u8]) -> Result<Vec<ReportMeta>, StoreError> {
                let sql = format!(
                    "SELECT {REPORT_COLUMNS} FROM reports WHERE reporter_ref = $1 ORDER BY created_at DESC LIMIT 20"
                );
                let rows: Vec<ReportRow> = sqlx::query_as(&sql).bind(reporter_ref).fetch_all(&self.pool).await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let types = self.types_of(&row.id).await?;
                    out.push(report_meta(row, types)?);
                }
                Ok(out)
            }

            async fn load_dialogue(&self, chat_key: &[u8]) -> Result<Option<StoredDialogue>, StoreError> {
                let row: Option<(Vec<u8>, String, i64, i64, Option<String>)> = sqlx::query_as(
                    "SELECT state_sealed, key_id, updated_at, expires_at, draft_id FROM dialogues WHERE chat_key = $1",
                )
                .bind(chat_key)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|(state, key_id, updated_at, expires_at, draft_id)| {
                    Ok(StoredDialogue {
                        chat_key: chat_key.to_vec(),
                        state: sealed(state)?,
                        key_id,
                        draft_id: draft_id.as_deref().map(parse_report_id).transpose()?,
                        updated_at: from_millis(updated_at)?,
                        expires_at: from_millis(expires_at)?,
                    })
                })
                .transpose()
            }

            async fn save_dialogue(&self, d: &StoredDialogue) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO dialogues (chat_key, state_sealed, key_id, updated_at, expires_at, draft_id) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chat_key) DO UPDATE SET \
                     state_sealed = excluded.state_sealed, key_id = excluded.key_id, \
                     updated_at = excluded.updated_at, expires_at = excluded.expires_at, \
                     draft_id = excluded.draft_id",
                )
                .bind(d.chat_key.as_slice())
                .bind(d.state.as_bytes())
                .bind(&d.key_id)
                .bind(millis(d.updated_at))
                .bind(millis(d.expires_at))
                .bind(d.draft_id.map(|id| id.to_string()))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn delete_dialogue(&self, chat_key: &[u8]) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM dialogues WHERE chat_key = $1").bind(chat_key).execute(&self.pool).await?;
                Ok(())
            }

            async fn purge_expired_dialogues(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM dialogues WHERE expires_at <= $1")
                    .bind(millis(now))
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn insert_worker(&self, w: &NewWorker) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO case_workers (id, username, role, regions, agency, password_hash, totp_sealed, \
                     public_key, private_sealed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&w.id)
                .bind(&w.username)
                .bind(w.role.as_str())
                .bind(w.regions.join(","))
                .bind(w.agency.as_deref())
                .bind(&w.password_hash)
                .bind(w.totp.as_ref().map(|t| t.as_bytes()))
                .bind(w.public_key.as_bytes().to_vec())
                .bind(w.private_key.to_bytes())
                .bind(millis(w.created_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn worker_by_username(&self, username: &str) -> Result<Option<Worker>, StoreError> {
                let row: Option<WorkerRow> = sqlx::query_as("SELECT * FROM case_workers WHERE username = $1")
                    .bind(username)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(worker).transpose()
            }

            async fn workers(&self) -> Result<Vec<Worker>, StoreError> {
                let rows: Vec<WorkerRow> = sqlx::query_as("SELECT * FROM case_workers ORDER BY username")
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(worker).collect()
            }

            async fn replace_worker_credentials(&self, u: &CredentialUpdate) -> Result<(), StoreError> {
                let mut tx = self.pool.begin().await?;
                let done = sqlx::query(
                    "UPDATE case_workers SET password_hash = $1, public_key = $2, private_sealed = $3, \
                     failed_logins = 0, locked_until = NULL WHERE id = $4",
                )
                .bind(&u.password_hash)
                .bind(u.public_key.as_bytes().to_vec())
                .bind(u.private_key.to_bytes())
                .bind(&u.worker_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                if let Some(keys) = &u.keys {
                    sqlx::query("DELETE FROM report_keys WHERE recipient = $1")
                        .bind(Recipient::Worker(u.worker_id.clone()).to_column())
                        .execute(&mut *tx)
                        .await?;
                    for grant in keys {
                        Self::insert_key(&mut *tx, grant).await?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn insert_message(&self, m: &NewMessage) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO reporter_messages (id, report_id, direction, author_id, body_sealed, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&m.id)
                .bind(m.report_id.to_string())
                .bind(m.direction.as_str())
                .bind(m.author_id.as_deref())
                .bind(m.body.as_bytes())
                .bind(millis(m.created_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn messages_of(&self, id: &ReportId) -> Result<Vec<StoredMessage>, StoreError> {
                let rows: Vec<MessageRow> = sqlx::query_as(
                    "SELECT id, report_id, direction, author_id, body_sealed, created_at, delivered_at, read_at \
                     FROM reporter_messages WHERE report_id = $1 ORDER BY created_at, id",
                )
                .bind(id.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(stored_message).collect()
            }

            async fn append_audit(&self, e: &AuditDraft) -> Result<AuditEntry, StoreError> {
                let mut tx = self.pool.begin().await?;
                // Writing first takes the write lock (SQLite) or the row lock
                // (PostgreSQL) before the head is read, so two appenders can
                // never chain onto the same predecessor.
                let (seq, prev_hash): (i64, String) =
                    sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                        .fetch_one(&mut *tx)
                        .await?;
                let report_id = e.report_id.as_ref().map(|id| id.to_string());
                let hash = crate::domain::audit::chain_hash(
                    &prev_hash,
                    seq,
                    millis(e.at),
                    &e.actor,
                    &e.action,
                    report_id.as_deref(),
                    &e.detail,
                );
                sqlx::query(
                    "INSERT INTO audit_log (seq, at, actor, action, report_id, detail, prev_hash, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(seq)
                .bind(millis(e.at))
                .bind(&e.actor)
                .bind(&e.action)
                .bind(report_id.as_deref())
                .bind(&e.detail)
                .bind(&prev_hash)
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(AuditEntry {
                    seq,
                    at: from_millis(millis(e.at))?,
                    actor: e.actor.clone(),
                    action: e.action.clone(),
                    report_id,
                    detail: e.detail.clone(),
                    prev_hash,
                    hash,
                })
            }

            async fn audit_entries(&self, after_seq: i64, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
                let rows: Vec<AuditRow> = sqlx::query_as(
                    "SELECT seq, at, actor, action, report_id, detail, prev_hash, hash FROM audit_log \
                     WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(after_seq)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(audit_entry).collect()
            }

            async fn enqueue_outbox(&self, m: &NewOutbox) -> Result<Option<i64>, StoreError> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "INSERT INTO outbox (dedup_key, kind, chat_sealed, payload_sealed, next_attempt_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
                )
                .bind(m.dedup_key.as_deref())
                .bind(&m.kind)
                .bind(m.chat.as_bytes())
                .bind(m.payload.as_bytes())
                .bind(millis(m.not_before))
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(id,)| id))
            }

            async fn finish_outbox(&self, id: i64, outcome: &OutboxOutcome) -> Result<(), StoreError> {
                // Once sent or given up, the sealed chat id and body are
                // wiped: the row stays only as a delivery record.
                let wiped: Vec<u8> = Vec::new();
                let query = match outcome {
                    OutboxOutcome::Sent { at } => sqlx::query(
                        "UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, \
                         chat_sealed = $3, payload_sealed = $3 WHERE id = $2",
                    )
                    .bind(millis(*at))
                    .bind(id)
                    .bind(wiped),
                    OutboxOutcome::Retry { at, error } => sqlx::query(
                        "UPDATE outbox SET next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3",
                    )
                    .bind(millis(*at))
                    .bind(error.as_str())
                    .bind(id),
                    OutboxOutcome::Failed { error } => sqlx::query(
                        "UPDATE outbox SET status = 'failed', last_error = $1, locked_until = NULL, \
                         chat_sealed = $3, payload_sealed = $3 WHERE id = $2",
                    )
                    .bind(error.as_str())
                    .bind(id)
                    .bind(wiped),
                };
                let done = query.execute(&self.pool).await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }

            async fn mark_update_processed(&self, update_id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, $2) \
                     ON CONFLICT (update_id) DO NOTHING",
                )
                .bind(update_id)
                .bind(millis(at))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn hit_rate_limit(
                &self,
                bucket: &str,
                now: DateTime<Utc>,
                window: std::time::Duration,
            ) -> Result<i64, StoreError> {
                let now_ms = millis(now);
                let window_ms = i64::try_from(window.as_millis()).unwrap_or(i64::MAX);
                let (hits,): (i64,) = sqlx::query_as(
                    "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
                     ON CONFLICT (bucket) DO UPDATE SET \
                     hits = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.hits + 1 END, \
                     window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 \
                     ELSE rate_limits.window_start END \
                     RETURNING hits",
                )
                .bind(bucket)
                .bind(now_ms)
                .bind(window_ms)
                .fetch_one(&self.pool)
                .await?;
                Ok(hits)
            }

            async fn dialogues_after(&self, after: &[u8], limit: i64) -> Result<Vec<StoredDialogue>, StoreError> {
                let rows: Vec<(Vec<u8>, Vec<u8>, String, i64, i64, Option<String>)> = sqlx::query_as(
                    "SELECT chat_key, state_sealed, key_id, updated_at, expires_at, draft_id FROM dialogues \
                     WHERE chat_key > $1 ORDER BY chat_key LIMIT $2",
                )
                .bind(after)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(chat_key, state, key_id, updated_at, expires_at, draft_id)| {
                        Ok(StoredDialogue {
                            chat_key,
                            state: sealed(state)?,
                            key_id,
                            draft_id: draft_id.as_deref().map(parse_report_id).transpose()?,
                            updated_at: from_millis(updated_at)?,
                            expires_at: from_millis(expires_at)?,
                        })
                    })
                    .collect()
            }

            async fn report_chats_after(
                &self,
                after: &str,
                limit: i64,
            ) -> Result<Vec<(ReportId, Sealed<ChatRef>)>, StoreError> {
                let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
                    "SELECT id, chat_sealed FROM reports WHERE chat_sealed IS NOT NULL AND id > $1 \
                     ORDER BY id LIMIT $2",
                )
                .bind(after)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(|(id, chat)| Ok((parse_report_id(&id)?, sealed(chat)?))).collect()
            }

            async fn set_report_chat(&self, id: &ReportId, chat: &Sealed<ChatRef>) -> Result<(), StoreError> {
                sqlx::query("UPDATE reports SET chat_sealed = $1 WHERE id = $2")
                    .bind(chat.as_bytes())
                    .bind(id.to_string())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn unsent_outbox(&self) -> Result<Vec<OutboxItem>, StoreError> {
                let rows: Vec<OutboxRow> = sqlx::query_as(
                    "SELECT id, dedup_key, kind, chat_sealed, payload_sealed, attempts FROM outbox \
                     WHERE status = 'pending' ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?;
                outbox_items(rows)
            }

            async fn reseal_outbox(
                &self,
                id: i64,
                chat: &Sealed<ChatRef>,
                payload: &Sealed<OutboxPayload>,
            ) -> Result<(), StoreError> {
                sqlx::query("UPDATE outbox SET chat_sealed = $1, payload_sealed = $2 WHERE id = $3")
                    .bind(chat.as_bytes())
                    .bind(payload.as_bytes())
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn messages_after(&self, after: &str, limit: i64) -> Result<Vec<StoredMessage>, StoreError> {
                let rows: Vec<MessageRow> = sqlx::query_as(
                    "SELECT id, report_id, direction, author_id, body_sealed, created_at, delivered_at, read_at \
                     FROM reporter_messages WHERE id > $1 ORDER BY id LIMIT $2",
                )
                .bind(after)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(stored_message).collect()
            }

            async fn set_message_body(&self, id: &str, body: &Sealed<MessageBody>) -> Result<(), StoreError> {
                sqlx::query("UPDATE reporter_messages SET body_sealed = $1 WHERE id = $2")
                    .bind(body.as_bytes())
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn purge_housekeeping(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
                let updates = sqlx::query("DELETE FROM processed_updates WHERE processed_at < $1")
                    .bind(millis(before))
                    .execute(&self.pool)
                    .await?;
                let limits = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                    .bind(millis(before))
                    .execute(&self.pool)
                    .await?;
                Ok(updates.rows_affected() + limits.rows_affected())
            }

            async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
                let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|(v,)| v))
            }

            async fn insert_setting(&self, key: &str, value: &str) -> Result<bool, StoreError> {
                let done = sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                    .bind(key)
                    .bind(value)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }

        impl $store {
            async fn insert_key<'e, E>(executor: E, grant: &KeyGrant) -> Result<(), StoreError>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                sqlx::query(
                    "INSERT INTO report_keys (report_id, recipient, key_sealed, granted_by, granted_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id, recipient) DO UPDATE SET \
                     key_sealed = excluded.key_sealed, granted_by = excluded.granted_by, \
                     granted_at = excluded.granted_at",
                )
                .bind(grant.report_id.to_string())
                .bind(grant.recipient.to_column())
                .bind(grant.key.to_bytes())
                .bind(grant.granted_by.as_deref())
                .bind(millis(grant.at))
                .execute(executor)
                .await?;
                Ok(())
            }

            async fn types_of(&self, id: &str) -> Result<Vec<String>, StoreError> {
                let rows: Vec<(String,)> =
                    sqlx::query_as("SELECT violence_type FROM report_types WHERE report_id = $1 ORDER BY violence_type")
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(|(t,)| t).collect())
            }
        }
    };
}

pub(super) use impl_store;
