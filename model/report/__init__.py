"""The shareable report (issue 12): the decision, its numbers and its evidence in one file.

- :func:`model.report.context.gather` computes everything a report shows (projection,
  analysis, scorecard, capacity, and the optional usage log, lifecycle warnings and test
  calls) with the same functions as the CLI's ``project`` and ``score``.
- :mod:`model.report.sections` holds one builder per section (data in, a
  :class:`~model.report.blocks.Section` of plain blocks out); ``SECTIONS`` lists them.
- :func:`model.report.build.make_report` runs them; the result renders as self-contained
  HTML (:mod:`render_html`, Jinja2 with autoescape, plotly.js inline) or escaped Markdown
  (:mod:`render_md`); :mod:`model.report.pdf` prints the HTML with Chromium.

Only the CLI imports this package among the model's packages (pages use it too).
"""
