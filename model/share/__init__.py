"""Share links: a whole scenario in a URL parameter, versioned, compressed and validated
(DESIGN §5, §6). :func:`~model.share.link.encode` and :func:`~model.share.link.decode` are
the codec; :class:`~model.share.link.ShareLinkError` is every refusal, said in one line.

Imports the engine and plan only; pages, the calculator, the scorecard and the report use it.
"""
