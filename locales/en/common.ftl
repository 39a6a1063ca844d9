### General texts. Warm, plain, short sentences.

## Problems

error-generic = Sorry, something went wrong. Please try again in a moment.
error-rate-limited = Too many tries. Please wait a little, then try again.
error-retry-after = Please try again in { $minutes ->
        [one] one minute
       *[other] { $minutes } minutes
    }.
error-not-understood = Sorry, I did not understand. Please choose one of the buttons.

## Language names (always in their own language)

lang-id = Bahasa Indonesia
lang-en = English

## Short answers (buttons)

answer-yes = Yes
answer-no = No
answer-skip = Skip
answer-dont-know = I don't know

## How to reach a service

contact-call = Call { $number }
contact-whatsapp = WhatsApp { $number }
contact-call-abroad = from abroad { $number }
contact-web = { $number }
contacts-abroad-note = The numbers 110, 112 and 129 only work from inside Indonesia.

## The service that runs this bot (change it for each deployment)

-operator = DKP3A of East Kalimantan Province

# Sent once when the bot cannot save for a moment; her message is kept.
error-try-again-soon = Sorry, there is a short delay. Your message is not lost; we will carry on in a moment.
