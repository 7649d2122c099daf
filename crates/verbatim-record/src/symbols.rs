//! UN document symbols: finding them in text and normalising them.
