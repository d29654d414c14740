"""Every rule name the dataset validator can report appears in docs/errors.md, and every rule
the page lists exists in the code (a renamed rule must be renamed in the catalogue too).
Rule names are the dotted string literals of src/dataset ("sft.role.value"), except the field
names of the optional-field consistency rule, which report as consistency.<field>.
Run by ctest as: python3 test_error_catalogue.py SOURCE_DIR."""
import os
import re
import sys
import unittest

SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
del sys.argv[1:]
DOTTED = re.compile(r'"([a-z][a-z0-9_]*(?:\.[a-zA-Z0-9_]+)+)"')
OPTIONAL_FIELDS = re.compile(r"OptionalFields\{([^}]*)\}", re.S)


def sources():
    for root, _, files in os.walk(os.path.join(SOURCE, "src", "dataset")):
        for name in files:
            if name.endswith((".cpp", ".hpp")):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    yield f.read()


def rules_in_code():
    literals, fields = set(), set()
    for text in sources():
        literals.update(DOTTED.findall(text))
        for block in OPTIONAL_FIELDS.findall(text):
            fields.update(re.findall(r'"([^"]+)"', block))
    return (literals - fields) | {"consistency." + f for f in fields}


def rules_in_catalogue():
    with open(os.path.join(SOURCE, "docs", "errors.md"), encoding="utf-8") as f:
        text = f.read()
    # A rule is documented by a table row that starts with it.
    return set(re.findall(r"^\| `([a-z][a-zA-Z0-9_.]+)` \|", text, re.M))


class ErrorCatalogue(unittest.TestCase):
    def test_the_code_has_rules(self):
        rules = rules_in_code()
        # The scan itself works: rules of every family and the consistency ones are found.
        for rule in ("json.syntax", "sft.role.last_turn", "dpo.preference_label", "rft.tool.type", "cpt.text.empty",
                     "eval.metadata.null", "consistency.system", "consistency.messages.content.toolUse"):
            self.assertIn(rule, rules)
        self.assertGreater(len(rules), 80)

    def test_every_rule_is_in_the_catalogue(self):
        missing = sorted(rules_in_code() - rules_in_catalogue())
        self.assertEqual(missing, [], "rules the code reports that docs/errors.md does not explain")

    def test_every_catalogued_rule_exists(self):
        stale = sorted(r for r in rules_in_catalogue() - rules_in_code() if "." in r)
        self.assertEqual(stale, [], "rules docs/errors.md explains that the code no longer reports")


if __name__ == "__main__":
    unittest.main()
