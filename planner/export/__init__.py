"""Documents and files for people outside the app: Word, spreadsheets, calendars, graph formats."""
