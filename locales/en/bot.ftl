### Bot texts for reporters. Short sentences, one idea each.

## Interim welcome, until the full conversation is available

welcome-interim = Hello. This is Suara, a bot. I am not a person and not an emergency service.
    Telling your story through this bot is not available yet.
    If you are in danger now, contact:

## Buttons and quick exit

button-quick-exit = Quick exit
quick-exit-done = Done.

## Command menu (visible on screen, so neutral)

command-start = Start
command-darurat = Help numbers
command-hapus = Erase this chat
command-status = Check status with a code
command-tambah = Add or reply
command-pesan = Read messages
command-bahasa = Change language
command-batal = Stop
command-bantuan = How to use this bot

## Bot description (setMyDescription / setMyShortDescription; neutral)

bot-description = Suara is a service bot of { -operator }. You can ask, tell, and get help numbers. This bot is not a person and not an emergency service.
bot-short-description = A service bot of { -operator }.

## Groups

group-private-only = This bot only works in a private chat. I am leaving this group.

## Status and messages

status-invalid-code = That code cannot be read. Please check the letters, then type /status and your code.
status-not-found = That code was not found. Please check it and try once more.
status-heading = Status:
messages-none = There are no messages for you yet.
messages-heading = Messages from the team:
