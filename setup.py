"""The optional C extension; everything else is in pyproject.toml.

The native XES scanner is built where a C compiler and Python's headers exist (Debian: gcc
python3-dev); where they do not, the install goes on without it and Polars reads XES.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "procesbank.mining.engine._xesscan",
            ["procesbank/mining/engine/_xesscan.c"],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
