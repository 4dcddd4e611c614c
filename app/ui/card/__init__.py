"""The residence card at the counter: the reader watched from a worker thread
(:mod:`.watcher`), what each failure is called (:mod:`.texts`), the dialogs that set the card
against the record (:mod:`.dialogs`) and the controller that ties them to the counter's
screens (:mod:`.controller`)."""
