//! The demo's chat page, as a person sees it.

use std::time::Duration;

use super::{browser, browser_available, start_demo};

const WAIT: Duration = Duration::from_secs(20);

#[tokio::test]
async fn the_demo_chat_page_shows_the_bots_answer_to_start_and_a_button_press_works() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_demo, url) = start_demo(dir.path());
    let (_driver, page) = browser().await;

    page.goto(&url).await;
    page.wait_for("//input[@id='new-name']", WAIT)
        .await
        .type_text("Sari")
        .await;
    page.wait_for("//form[@id='new-user']//button", WAIT)
        .await
        .click()
        .await;
    page.wait_for("//*[@id='chat-title'][text()='Sari']", WAIT)
        .await;

    page.wait_for("//input[@id='text']", WAIT)
        .await
        .type_text("/start")
        .await;
    page.wait_for("//button[@id='send']", WAIT)
        .await
        .click()
        .await;
    let welcome = page
        .wait_for(
            "//div[contains(@class,'theirs')]//div[@class='text'][contains(., 'Halo')]",
            WAIT,
        )
        .await;
    assert!(welcome.text().await.contains("bukan layanan darurat"));

    page.wait_for("//button[@class='kb-button'][text()='English']", WAIT)
        .await
        .click()
        .await;
    page.wait_for(
        "//div[@class='text'][contains(., 'not an emergency service')]",
        WAIT,
    )
    .await;
    let shot = page.screenshot().await;
    let _ = std::fs::write(concat!(env!("CARGO_TARGET_TMPDIR"), "/demo-chat.png"), shot);
    page.close().await;
}
