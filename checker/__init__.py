"""tendercheck: audits Chinese tender documents against Zhejiang's 首台套 policy."""

__version__ = "0.1.0"
