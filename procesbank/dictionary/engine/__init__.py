"""The dictionary's pure computation: folding names and reading KITOS' export."""
