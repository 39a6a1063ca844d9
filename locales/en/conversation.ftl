### The reporting conversation. Warm, plain, short sentences.
### One name per thing: "case worker", "code", "message".
### Buttons (conv-btn-*, conv-edit-*) are at most 24 characters.
### Texts that may appear unprompted (notice-update, conv-erased) name
### nothing sensitive, because lock screens show them.

## Buttons

conv-btn-start = Start
conv-btn-back = Back
conv-btn-exit = Quick exit
conv-btn-resume = Continue
conv-btn-safe-yes = Yes, I am safe
conv-btn-safe-no = No, I am not safe
conv-btn-agree = I agree
conv-btn-not-now = Not now
conv-btn-done-choosing = Done choosing
conv-btn-skip-rest = Skip the rest
conv-btn-child = A child (under 18)
conv-btn-adult = An adult
conv-btn-done = Done
conv-btn-clear-story = Delete my story
conv-btn-set-safe-word = Set a safe word
conv-btn-send = Send to case workers
conv-btn-reply = Reply
conv-btn-cancel = Cancel

## Edit buttons on the summary

conv-edit-safety = Change: safety
conv-edit-reporter = Change: who
conv-edit-behaviours = Change: what happened
conv-edit-when = Change: when
conv-edit-where = Change: where
conv-edit-relation = Change: who did it
conv-edit-victim = Change: age and sex
conv-edit-story = Change: story
conv-edit-help = Change: help
conv-edit-contact = Change: contact
conv-edit-safe_word = Change: safe word

## Welcome

conv-welcome =
    Hello. This is Suara, a bot.
    I am not a person, and not an emergency service.
    Here you can tell us when something is wrong, for you or for someone else. Nobody asks your name.

    Your privacy:
    • Your story is locked. Only case workers can open it.
    • Telegram can still see that you use this bot.
    • The "Quick exit" button erases this chat at any time.

    Choose a language, then press Start.

## Safe now?

conv-ask-safe-now =
    Are you safe right now?
    If you are telling us about someone else, answer for them.
conv-not-safe = If you are in danger, contact them now:
conv-danger-sign = Thank you for telling me. If there is danger now, contact them now:

## Consent

conv-ask-consent =
    Before you start:
    • Only case workers of the women and child protection service read your story.
    • Nothing is sent until you press "Send to case workers" at the end. Until then, you can stop at any time.
    • After sending, you get a code. With it you can check for news and read messages from case workers.
    • Case workers will try to help. I cannot promise what will happen.
    • You can skip any question.
    Do you agree?

## Questions

conv-ask-reporter = Is this about you, or about someone else?
conv-ask-behaviours = What happened? Choose everything that fits, then press "Done choosing".
conv-chosen = Chosen so far: { $items }
conv-chosen-none = Nothing chosen yet.
conv-indicators-intro =
    Thank you. A few yes-or-no questions now.
    If you are telling us about someone else, answer for them.
conv-ask-indicator =
    { $question }
    (question { $number } of { $total })
conv-ask-when = When did it happen?
conv-ask-where = Where did it happen? Choose a province, or "Abroad".
conv-ask-regency = Which regency or city? If you don't know, press "Skip".
conv-ask-country = Which country? Type its name.
conv-bad-country = Please type just the country's name, at most 60 letters.
conv-ask-relation =
    Who did it?
    You can skip this question.
conv-ask-age = { $who ->
        [myself] How old are you?
       *[other] How old is the person it happened to?
    }
conv-ask-child = { $who ->
        [myself] Are you a child, under 18?
       *[other] Is this person a child, under 18?
    }
conv-ask-sex = { $who ->
        [myself] What is your sex?
       *[other] What is this person's sex?
    }

## Story

conv-ask-story =
    Tell what happened, in your own words.
    You can type, or send voice messages, photos or documents. Several messages are fine.
    Press "Done" when you have finished. You can skip this part.
conv-story-saved = Saved. You can add more, or press "Done".
conv-story-full = This message was not saved, because the story is already very long. You can send a voice message, or press "Done".
conv-story-cleared = Your story is deleted. You can start again, or press "Done".
conv-thanks-story = Thank you for telling us. This is not your fault.

## Help and contact

conv-ask-help = What help would you like? Choose everything that fits, then press "Done choosing".
conv-ask-contact = How may a case worker contact you?
conv-ask-phone = Type a phone number where it is safe to reach you.
conv-bad-phone = I cannot read this number yet. Please type only the digits, for example 0812 3456 7890.

## Safe word

conv-ask-safe-word-offer =
    You can set a safe word.
    Whenever you type it, I show the help numbers at once.
    Choose an ordinary word, like the name of a fruit.
conv-ask-safe-word = Type your safe word. One or two words only.
conv-bad-safe-word = A safe word has at most 32 letters, and does not start with /.
conv-safe-word-set = Your safe word is saved. Type it at any time to see the help numbers.

## Summary

conv-summary-intro =
    Here is a summary of your story. Please check it, and change any part if needed.
    Nothing is sent until you press "Send to case workers".
conv-sum-skipped = skipped
conv-sum-safe = Safe now: { $value }
conv-sum-reporter = It happened to: { $value }
conv-sum-behaviours = What happened: { $value }
conv-sum-indicators = Yes-or-no questions answered "yes": { $value }
conv-sum-when = When: { $value }
conv-sum-where = Where: { $value }
conv-sum-relation = Who did it: { $value }
conv-sum-age = Age: { $value }
conv-sum-sex = Sex: { $value }
conv-sum-story = Story: { $value }
conv-sum-story-counts = { $texts } written messages, { $files } files
conv-sum-help = Help: { $value }
conv-sum-contact = Contact: { $value }
conv-sum-safe-word = Safe word: { $value }
conv-sum-safe-word-set = set

## Sending

conv-sending = Sending. Please wait a moment.
conv-send-failed = Sorry, your story was not sent yet. It is still here. Please press "Send to case workers" again.
conv-receipt =
    Thank you for telling us. This is not your fault.
    Your story has reached the case workers.

    Your code: { $code }

    Keep this code somewhere safe. It is shown only once.
conv-next-steps =
    What happens next:
    • A case worker will read your story.
    • If you allowed it, a case worker contacts you the way you chose.
    • Type /status and your code to check for news. Type /pesan to read messages from case workers.
    • Type /tambah to add something or to answer the case workers.
    • Type /hapus to erase this chat.
    If you are in danger, do not wait. Contact:
conv-done-hint = Your story has been sent. Type /mulai to tell a new story, or /status and your code to check for news. Type /tambah to add something.

## A message to the case workers, after sending

conv-ask-reply =
    Type your message for the case workers, in one message.
    It goes with the last story you sent from this chat.
    Press "Cancel" if you change your mind.
conv-reply-text-only = Here I can only keep written messages, so this file was not kept. Please type your message.
conv-reply-finish-first =
    You have a story here that is not sent yet. It is still kept here.
    Send that story first, or type /batal to stop. Then you can send a message to the case workers.
conv-reply-cancelled = All right, nothing was sent.
conv-reply-stored = Sent. Thank you. The case workers will read your message. Type /tambah if you want to add more.
conv-reply-no-report =
    Your message was not kept, because no sent story is linked to this chat.
    This happens when no story was sent from here. It also happens if you chose not to be contacted: then your story is on purpose not linked to this chat, to keep you safe.
    Type /mulai if you want to tell a story.
conv-reply-failed = Sorry, your message was not sent yet. Please send it once more.

## Stop, help numbers, erase

conv-stopped = All right, we stop here. Nothing was sent, and your answers are deleted. Help is still there for you:
conv-stopped-hint = Type /mulai if you want to tell your story again. Type /darurat to see the help numbers.
conv-contacts = Help numbers:
conv-erased = Done. Messages older than 48 hours, notifications, and spy apps on the phone are beyond my reach. To clear the rest, delete this chat in Telegram.

## Commands

conv-lang-choose = Choose a language.
conv-status-need-code = Type /status, a space, then your code.
conv-help =
    I am Suara, a bot. Commands you can use:
    /mulai – start telling
    /darurat – help numbers
    /kataaman – set a safe word
    /bahasa – change language
    /status – check for news, with your code
    /pesan – read messages from case workers
    /tambah – send a message to case workers
    /batal – stop
    /hapus – erase this chat
conv-unknown-command = I don't know that command. Type /bantuan to see the list.

## Messages the conversation cannot use

conv-use-buttons = Please choose one of the buttons below.
conv-stale-button = That button no longer works. Please use the buttons below.
conv-file-not-now = I am not keeping this file now. You can send it when you tell your story.
conv-file-too-many = There are already many files, so this one was not saved. You can still type, or press "Done".
conv-file-too-large = This file is too large, so it was not saved. Try sending a smaller file.
conv-file-kept = Your file is saved with your story.
conv-unsupported-sticker = I cannot read stickers.
conv-unsupported-location = I do not keep map locations, to keep you safe. Choose the area with the buttons when I ask.
conv-unsupported-contact = I do not keep contacts. At the end, you can choose how to be contacted.
conv-unsupported-poll = I cannot read polls.
conv-unsupported-forward = I do not keep forwarded messages, so the name of whoever wrote it first is not recorded. You can copy the text, or send a screenshot.
conv-unsupported-other = I cannot read this kind of message.
conv-edited = Edited messages are not saved again. To add or correct something, send a new message.

## Unprompted notice (shown on lock screens)

notice-update = There is an update for you. Type /pesan to open it.
