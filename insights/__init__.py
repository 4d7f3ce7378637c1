"""Answer intelligence: flags on vendors' answers that a panel tends to miss (boilerplate, evasive
answers, contradictions inside one bid) and the claims a buyer should verify.

A separate app because the analysis has its own data (what each bank question asks for, which
questions must agree), its own labelled set and its own measurement, and reads answers without
writing them. The pure logic lives in `insights.engine` (no Django), so it can be tested and
benchmarked on plain data.
"""
