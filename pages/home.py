"""Home: what Gatewise answers, where to start, and the price data in force today."""

import streamlit as st

from pages.ui import layout, loaders, state
from pages.ui.home import views

# The page may run without app.py (deep link after a server start, AppTest): set its own frame.
layout.configure_page()
state.ensure_defaults()

st.title("How should you buy Claude, GPT and Gemini?")
st.caption(
    "Gatewise compares three ways of buying frontier-model access with your own numbers — "
    "what each costs and what each gives up."
)
views.ways_to_buy()

st.subheader("Where to start")
views.where_to_start()

st.subheader("Price data")
loaders.price_book_or_stop()
views.price_data(loaders.price_news_today())
