"""Names that stand for the same skill (pure Python): the importer's first aliases.

An import looks a skill's name up among the skills and their aliases (Skill.objects.by_names). A name
found nowhere is checked here: if it is a well-known other name of a skill (`C/C++` of C++, `Microsoft
Azure` of Azure), the importer links the canonical skill and records the name as its alias, which a
curator can then edit or remove in admin (Skill → aliases). Each role keeps the words its source used.

Two rules, both about names, never about a page's sentences:
* KNOWN_ALIASES: other names of widely used tools and platforms;
* the Apache Software Foundation's name before a project's (`Apache Spark`): the project. (Other vendors'
  names are not dropped: `Google Cloud` is not `Cloud`.)
"""

import re

# alias (as written, any case) → canonical name
KNOWN_ALIASES = {
    "C/C++": "C++",
    "CPP": "C++",
    "Microsoft Azure": "Azure",
    "Azure Cloud": "Azure",
    "Amazon Web Services": "AWS",
    "Amazon AWS": "AWS",
    "GCP": "Google Cloud",
    "Google Cloud Platform": "Google Cloud",
    "K8s": "Kubernetes",
    "sklearn": "scikit-learn",
    "Scikit Learn": "scikit-learn",
    "Golang": "Go",
    "JS": "JavaScript",
    "Postgres": "PostgreSQL",
    "Tensorflow": "TensorFlow",
    "Pytorch": "PyTorch",
}
VENDOR_RE = re.compile(r"^Apache\s+(?P<product>[A-Z]\S*)$")
_KNOWN = {alias.casefold(): canonical for alias, canonical in KNOWN_ALIASES.items()}


def canonical_names(name):
    """Names `name` may be another name of, most likely first (empty when it is a name of its own)."""
    names = []
    if known := _KNOWN.get(name.casefold()):
        names.append(known)
    if match := VENDOR_RE.match(name):
        names.append(match["product"])
    return names


def known_canonical(name):
    """The canonical name of a well-known alias (KNOWN_ALIASES), or None."""
    return _KNOWN.get(name.casefold())
