"""What `concur primes` should answer and how it prints each answer, for the tests that run it.

The answers are written out here, not asked of concur: a test must not take the program's
word for what it checks.
"""
import re

# One result line: the number right-aligned, "P" if prime, the check's time in seconds.
RESULT_LINE = re.compile(r"^ *(\d+)  ([P ]) +(\d+\.\d{6})s$")

# --numbers=book: the 20 numbers of Fluent Python's primes examples, in the book's order, with
# whether each is prime.
BOOK = {
    2: True, 142702110479723: True, 299593572317531: True, 3333333333333301: True,
    3333333333333333: False, 3333335652092209: False, 4444444444444423: True,
    4444444444444444: False, 4444444488888889: False, 5555553133149889: False,
    5555555555555503: True, 5555555555555555: False, 6666666666666666: False,
    6666666666666719: True, 6666667141414921: False, 7777777536340681: False,
    7777777777777753: True, 7777777777777777: False, 9999999999999917: True,
    9999999999999999: False,
}

# The default, when no numbers are given: the seed's five NUMBERS, the book's first five.
SEED = {n: BOOK[n] for n in list(BOOK)[:5]}
