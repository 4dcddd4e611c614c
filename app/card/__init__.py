"""Reading the holder's electronic residence card through the Belgian eID middleware (PKCS#11).

``reader`` talks to the middleware, ``data`` holds what was read, ``fields`` and ``country``
parse the card's text, ``errors`` says what went wrong in words the UI can translate.
No Qt here: the window polls :class:`app.card.reader.CardWatcher` from a worker thread.
"""
