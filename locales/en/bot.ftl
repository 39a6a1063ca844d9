### Bot texts for reporters. Short sentences, one idea each.

## Interim welcome, until the full conversation is available

welcome-interim = Hello. This is Suara, a bot. I am not a person and not an emergency service.
    Telling your story through this bot is not available yet.
    If you are in danger now, contact:

## Buttons and quick exit

button-quick-exit = Quick exit
quick-exit-done = Done.
