### The reporting conversation. Warm, plain, short sentences.
### One name per thing: "case worker", "code", "message".
### Buttons (conv-btn-*, conv-edit-*) are at most 24 characters; buttons
### that can carry the ✓ of a chosen option at most 22.
### Texts that may appear unprompted, or that someone else sees after a
### quick exit (notice-update, conv-erased, conv-ask-unlock-*), name nothing
### sensitive and no command.

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
conv-btn-next = Next
conv-btn-police-yes = Yes, they may
conv-btn-police-no = No
conv-btn-still-abroad = Still abroad
conv-btn-back-home = Back in Indonesia
conv-btn-alarm-yes = Yes, alert them
conv-btn-alarm-no = No
conv-btn-set-pin = Set a PIN
conv-btn-short-message = Send a short message
conv-btn-go-on = Go on telling

## Edit buttons on the summary

conv-edit-safety = Change: safety
conv-edit-police = Change: police
conv-edit-reporter = Change: who
conv-edit-behaviours = Change: what happened
conv-edit-when = Change: when
conv-edit-where = Change: where
conv-edit-relation = Change: who did it
conv-edit-victim = Change: who it was
conv-edit-story = Change: story
conv-edit-help = Change: help
conv-edit-contact = Change: contact
conv-edit-safe_word = Change: safe word

## Welcome

conv-welcome =
    Hello. This is Suara, a bot. It is run by { -operator }.
    I am not a person, and not an emergency service.
    Here you can tell us when something is wrong, for you or for someone else. Nobody asks your name.

    Your privacy:
    • What you send is locked for case workers. Before you start, I tell you who reads it.
    • Telegram can still see that you use this bot.
    • The "Quick exit" button erases this chat at any time.

    Choose a language, then press Start.
conv-welcome-short = Hello. Press Start to tell your story. If you need help now, type /darurat.

## Safe now? The fast lane in danger

conv-ask-safe-now =
    Are you safe right now?
    If you are telling us about someone else, answer for them.
conv-fast-lane = If you are in danger, contact them now:
conv-fast-lane-near = If that person is near you, press "Quick exit". You can come back later.
conv-danger-sign = Thank you for telling me. If there is danger now, contact them now:
conv-kept-then-help = Saved.

## Consent

conv-ask-consent =
    Before you start:
    • Your story is read by case workers of the women and child protection service, and by the task force of your area.
    • If it helps to protect you, they may pass it on to another service: a hospital, a shelter, KP2MI, or the police. About the police, I ask you next.
    • Nothing is sent until you press "Send to case workers" at the end. Until then, you can stop at any time.
    • { $days ->
        [0] Your story is kept until a case worker deletes it.
       *[other] Your story is deleted { $days } days after the work on it is finished.
    }
    • Case workers will try to help. I cannot promise what will happen.
    • You can skip any question.
    Do you agree?
conv-ask-consent-short =
    This short message goes to the women and child protection service, marked urgent.
    If it helps to protect you, they may pass it on to a hospital, a shelter, KP2MI, or the police.
    { $days ->
        [0] It is kept until a case worker deletes it.
       *[other] It is deleted { $days } days after the work on it is finished.
    }
    After this I only ask where you are, and how to reach you.
    Do you agree?
conv-ask-police =
    One more thing about your consent.
    If needed, may the case workers tell the police about your story?
    Your answer is kept with your story, and the case workers follow it.

## Questions

conv-ask-reporter = Is this about you, or about someone else?
conv-ask-behaviours = What happened? Choose everything that fits, then press "Done choosing".
conv-chosen = Chosen so far: { $items }
conv-chosen-none = Nothing chosen yet.
conv-indicators-intro = Thank you. A few yes-or-no questions now.
conv-ask-indicator =
    { $question }
    (question { $number } of { $total })
conv-ask-when = When did it happen?
conv-ask-where = Where did it happen? Choose a province, or "Abroad".
conv-ask-regency = Which regency or city? If you don't know, press "Skip".
conv-ask-country = Which country? Choose one, or type its name.
conv-bad-country = Please type just the country's name, at most 60 letters.
conv-ask-now-where = { $who ->
        [myself] Where are you now?
       *[other] Where is this person now?
    }
conv-ask-origin = { $who ->
        [myself] Which province did you leave Indonesia from? If you don't know, press "Skip".
       *[other] Which province did this person leave Indonesia from? If you don't know, press "Skip".
    }
conv-ask-place = What kind of place did it happen in?
conv-ask-relation =
    Who did it?
    You can skip this question.
conv-recruiter-intro = You can help the case workers find whoever recruited you. You can skip all of these questions.
conv-ask-recruiter-names = If you know them, type the names of the people who recruited: agent, broker or sponsor. One message per name. Press "Next" when done.
conv-ask-recruiter-phones = If you know them, type their phone or WhatsApp numbers. One message per number. Press "Next" when done.
conv-ask-recruiter-accounts = If you know them, type their social media accounts, for example Facebook, Instagram or TikTok. Press "Next" when done.
conv-ask-recruiter-companies = If you know it, type the company's name: PT, LPK, or an agency abroad. Press "Next" when done.
conv-recruiter-kept = Saved: { $count }. Type another, or press "Next".
conv-recruiter-not-kept = This was not saved. Type at most 200 letters, or press "Next".
conv-ask-perpetrator-sex = Was the person who did it a man or a woman?
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
conv-ask-disability = { $who ->
        [myself] Do you have difficulty seeing, hearing, walking or learning?
       *[other] Does this person have difficulty seeing, hearing, walking or learning?
    }
conv-child-intro = { $who ->
        [myself] You have the right to be protected. This is not your fault.
       *[other] Thank you for caring about this child.
    }
conv-ask-child-danger = { $who ->
        [myself] Are you in danger right now?
       *[other] Is the child in danger right now?
    }
conv-ask-subdistrict = Which kecamatan or village? Type its name, or press "Skip".
conv-bad-subdistrict = Please type just the name of the kecamatan or village, at most 60 letters.

## Story

conv-ask-story =
    Tell what happened, in your own words.
    You can type, or send voice messages, photos or documents. Several messages are fine.
    Press "Done" when you have finished. You can skip this part.
conv-story-saved = Saved. You can add more, or press "Done".
conv-story-full = This message was not saved, because the story is already very long. You can send a voice message, or press "Done".
conv-story-cleared = Your story is deleted. You can start again, or press "Done".
conv-story-empty = An empty message is not saved.
conv-thanks-story = Thank you for telling us. This is not your fault.
conv-kept-as-story = I have kept what you wrote as part of your story.
conv-not-understood =
    Sorry, I did not understand.
    Need help now? { $help }
    Type /darurat for all help numbers.

## Help and contact

conv-ask-help = What help would you like? Choose everything that fits, then press "Done choosing".
conv-ask-contact =
    How may a case worker contact you?
    "Don't contact me" means the case workers cannot answer you, and you cannot add to your story later.
conv-ask-phone = Type a phone number where it is safe to reach you.
conv-bad-phone = I cannot read this number yet. Please type only the digits, for example 0812 3456 7890.
conv-ask-phone-via = How may they use that number?
conv-ask-safe-times = When is it safe to contact you? Choose everything that fits, then press "Done choosing".

## Safe word

conv-ask-safe-word-offer =
    You can set a safe word.
    Whenever you type it, I show the help numbers at once.
    Choose an ordinary word, like the name of a fruit.
conv-ask-safe-word = Type your safe word. One or two words only.
conv-bad-safe-word = A safe word has at most 32 letters, and does not start with /.
conv-safe-word-set = Your safe word is saved. Type it at any time to see the help numbers.
conv-ask-silent-alarm =
    When you type your safe word, may I also quietly tell the case workers that you need help urgently?
    Your screen shows only the help numbers, nothing more.
    This works only if the case workers may contact you.

## Summary

conv-summary-intro =
    Here is a summary of your story. Please check it, and change any part if needed.
    Nothing is sent until you press "Send to case workers".
conv-sum-skipped = skipped
conv-sum-safe = Safe now: { $value }
conv-sum-police = The police may be told: { $value }
conv-sum-reporter = It happened to: { $value }
conv-sum-behaviours = What happened: { $value }
conv-sum-indicators = Yes-or-no questions answered "yes": { $value }
conv-sum-when = When: { $value }
conv-sum-where = Where: { $value }
conv-sum-now = Now: { $value }
conv-sum-origin = Left from: { $value }
conv-sum-place = Place: { $value }
conv-sum-relation = Who did it: { $value }
conv-sum-recruiter = Notes about the recruiter: { $value }
conv-sum-perpetrator-sex = Sex of the person who did it: { $value }
conv-sum-age = Age: { $value }
conv-sum-sex = Sex: { $value }
conv-sum-disability = Difficulty seeing, hearing, walking or learning: { $value }
conv-sum-subdistrict = Kecamatan or village: { $value }
conv-sum-story = Story: { $value }
conv-sum-story-counts = { $texts } written messages, { $files } files
conv-sum-help = Help: { $value }
conv-sum-contact = Contact: { $value }
conv-sum-phone-via = By: { $value }
conv-sum-safe-times = Safe times: { $value }
conv-sum-safe-word = Safe word: { $value }
conv-sum-safe-word-set = set
conv-sum-safe-word-alarm = set, and it alerts the case workers

## Sending

conv-sending = Sending. Please wait a moment.
conv-send-failed = Sorry, your story was not sent yet. It is still here. Please press "Send to case workers" again.
conv-receipt =
    Thank you for telling us. This is not your fault.
    Your story has reached the case workers.

    Your code: { $code }

    Keep this code somewhere safe. It is shown only once.
    { $contact ->
        [yes] This code also opens messages from the case workers.
       *[no] With this code you can check for news.
    }
conv-next-steps =
    What happens next:
    • A case worker will read your story, then contact you the way you chose.
    • When there is news, you get one short message with nothing in it. Type /pesan, then your code or PIN, to read it.
    • Type /tambah to add something or to answer the case workers. Your code or PIN is asked too.
    • You can set a PIN with the button below, so you need not type the long code.
    • Type /status and your code to check for news.
    • Type /hapus to erase this chat.
    If you are in danger, do not wait. Contact:
conv-next-steps-no-contact =
    What happens next:
    • A case worker will read your story.
    • You chose not to be contacted. So the case workers cannot answer you, and this story cannot be added to from here.
    • Type /status and your code to check for news.
    • Type /hapus to erase this chat.
    If you are in danger, do not wait. Contact:
conv-done-hint = { $contact ->
        [yes] Your story has been sent. Type /mulai to tell a new story, /status and your code to check for news, or /pesan for messages from the case workers.
       *[no] Your story has been sent. Type /mulai to tell a new story, or /status and your code to check for news.
    }

## PIN and the lock on messages

conv-ask-pin = Type a PIN of 4 to 8 digits. Do not use a birth date. I delete your message from the screen at once.
conv-bad-pin = This PIN cannot be used. Type 4 to 8 digits, not an easy one like 1234 or 0000.
conv-pin-set = Your PIN is saved. For /pesan and /tambah, you can use this PIN or your code.
conv-ask-unlock-messages = Type your code or PIN to open the messages. I delete your message from the screen at once.
conv-ask-unlock-reply = Type your code or PIN first. I delete your message from the screen at once.
conv-unlock-wrong = That code or PIN does not match. Try again, or press "Cancel".
conv-ok = All right.

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
conv-erased = OK.

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
    /pesan – read messages from case workers, with your code or PIN
    /tambah – send a message to case workers, with your code or PIN
    /batal – stop
    /hapus – erase this chat

    "Quick exit" and /hapus delete the messages of this chat. What I cannot delete:
    • messages older than 48 hours;
    • notifications already shown on the phone;
    • photos or files already saved in the gallery;
    • the call log, if you called a help number.
    Also delete this chat in Telegram, and check the gallery and the call log. I cannot see or remove spy apps on the phone.
conv-unknown-command = I don't know that command. Type /bantuan to see the list.

## Messages the conversation cannot use

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

## Unprompted notice (shown on lock screens; no command in it)

notice-update = Something new for you.
