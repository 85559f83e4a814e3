"""fazhi-lake: crawl, parse, extract, gate and load China's local rule-of-law reports."""

__version__ = "0.1.0"
