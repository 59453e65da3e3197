"""The calculator page's inputs, results and insights (its scenario state is shared:
:mod:`pages.ui.scenario_state`)."""
