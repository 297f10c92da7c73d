"""Query parameter values every page reads the same way: whole numbers, and values quoted in messages."""

import re

from django import forms

# Numbers in addresses are ASCII digits only: str.isdigit() and int() also take "²" and "٣",
# and int() of thousands of digits is slow or refused. 18 digits always fit a 64-bit integer.
WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")
SIGNED_NUMBER = re.compile(r"-?[0-9]{1,18}")  # a form field reads "-5" to say it is below its minimum
BIGGEST = 2**63 - 1  # what every database's integer columns hold


def shown(value, limit=60):
    """A parameter's value quoted for a message, cut when long (a 5,000-character value is not echoed whole)."""
    value = str(value)
    return repr(value if len(value) <= limit else value[:limit] + "…")


def whole_number(raw, minimum=0, maximum=BIGGEST):
    """int(raw) when `raw` is ASCII digits within [minimum, maximum], else None."""
    if not isinstance(raw, str) or not WHOLE_NUMBER.fullmatch(raw):
        return None
    number = int(raw)
    return number if minimum <= number <= maximum else None


class WholeNumberField(forms.IntegerField):
    """An IntegerField that takes ASCII digits only, within [min_value, max_value] (default 0 to 2**63 - 1)."""

    def __init__(self, *, min_value=0, max_value=BIGGEST, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        raw = str(value)
        if SIGNED_NUMBER.fullmatch(raw):
            return int(raw)
        if raw.lstrip("-").isascii() and raw.lstrip("-").isdigit():  # only too long
            raise forms.ValidationError(f"Enter a whole number from {self.min_value} to {self.max_value}.")
        raise forms.ValidationError(f"Enter a whole number. {shown(raw)} is not one in the digits 0-9.")
