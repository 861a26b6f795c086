"""`python -m bench`: the speed and memory benchmark of dealledger.

`inputs` builds the inputs reproducibly (a seed, streamed to many files),
`phases` measures one thing in a fresh process, `report` renders the table;
`__main__` runs them all and writes outputs/bench/latest.json.
"""
