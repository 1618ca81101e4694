#!/usr/bin/env python3
"""Self-check for dev_plan24 question set. Run: python3 check.py"""
import re, sys, collections
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
PLAN = Path('/work/shared/seeds/000_0571abc50a7b2424.txt')
ws = lambda s: re.sub(r'\s+', '', s)

def split_plan():
    t = PLAN.read_text(encoding='utf-8')
    a = t.index('二、主要任务'); b = t.index('三、保障措施')
    lines = t[a:b].split('\n')[1:]
    head = re.compile(r'^\s*(#|[（(][一二三四五六七八九十]+[)）])')
    body = '\n'.join(l for l in lines if not head.match(l))
    tasks, pos = {}, 0
    starts = []
    for n in range(1, 173):
        m = re.compile(r'(?m)^\s*%d\.\s*' % n).search(body, pos)
        assert m, 'task %d not found' % n
        starts.append((n, m.start(), m.end())); pos = m.end()
    for i, (n, s, e) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(body)
        tasks[n] = ws(body[e:end])
    return tasks

TASKS = split_plan()
assert len(TASKS) == 172
errors = []
def err(m): errors.append(m)

single = yaml.safe_load((HERE / 'chat_single.yml').read_text(encoding='utf-8'))
multi = yaml.safe_load((HERE / 'chat_multiturn.yml').read_text(encoding='utf-8'))
ids = [x['id'] for x in single] + [x['id'] for x in multi]
for i, c in collections.Counter(ids).items():
    if c > 1: err('duplicate id %s' % i)

CATS = {'detail', 'several', 'life_event', 'outside_catalog', 'absent_fact', 'other_region'}
BIG = set([1, 2, 3, 4, 5, 15]) | set(range(41, 47)) | set(range(83, 95)) | set(range(110, 115))
PREFIX = {'detail': 'd', 'several': 's', 'life_event': 'l', 'outside_catalog': 'o', 'absent_fact': 'a', 'other_region': 'r'}
usage = collections.defaultdict(set)

def check_parts(iid, parts, question):
    if not isinstance(parts, list): err('%s parts not list' % iid); return
    for p in parts:
        cite = p.get('cite')
        if not cite or not all(isinstance(n, int) and 1 <= n <= 172 for n in cite):
            err('%s bad cite %r' % (iid, cite)); continue
        for n in cite: usage[n].add(iid)
        for e in p.get('expect', []) or []:
            e2 = ws(e)
            if not (2 <= len(e2) <= 10): err('%s expect length %r' % (iid, e))
            if not any(e2 in TASKS[n] for n in cite): err('%s expect %r not in tasks %r' % (iid, e, cite))
            if e2 in ws(question): err('%s expect %r in question' % (iid, e))
        extra = set(p) - {'cite', 'expect'}
        if extra: err('%s unknown part fields %r' % (iid, extra))

counts = collections.Counter()
for x in single:
    iid, cat = x.get('id'), x.get('category')
    if cat not in CATS: err('%s bad category' % iid); continue
    counts[cat] += 1
    if not str(iid).startswith(PREFIX[cat]): err('%s prefix mismatch' % iid)
    if not x.get('text'): err('%s no text' % iid)
    if cat == 'absent_fact':
        ab = x.get('about')
        if not ab or 'parts' in x: err('%s absent_fact needs about and no parts' % iid)
        else:
            for n in ab:
                if not (isinstance(n, int) and 1 <= n <= 172): err('%s bad about' % iid)
                usage[n].add(iid)
        continue
    parts = x.get('parts')
    if not parts: err('%s no parts' % iid); continue
    check_parts(iid, parts, x['text'])
    if cat == 'life_event':
        if x.get('min_parts') not in (1, 2): err('%s min_parts' % iid)
        if len(parts) < 2: err('%s life_event needs >=2 parts' % iid)
        cited = set(n for p in parts for n in p['cite'])
        if len(cited) < 2: err('%s life_event needs >=2 tasks' % iid)
    if cat == 'outside_catalog':
        for p in parts:
            if set(p['cite']) & BIG: err('%s outside_catalog cites big service' % iid)
    if cat != 'life_event' and 'min_parts' in x: err('%s stray min_parts' % iid)

want = {'life_event': 45, 'absent_fact': 30, 'outside_catalog': 30, 'detail': 10}
if dict(counts) != want: err('category counts %r != %r' % (dict(counts), want))

if len(multi) != 30: err('multiturn count %d != 30' % len(multi))
for c in multi:
    iid = c.get('id')
    if not str(iid).startswith('c'): err('%s id' % iid)
    turns = c.get('turns') or []
    if not 3 <= len(turns) <= 5: err('%s has %d turns' % (iid, len(turns)))
    if not any(t.get('parts') for t in turns): err('%s no cited turn' % iid)
    for t in turns:
        if not t.get('user'): err('%s empty user' % iid)
        check_parts(iid, t.get('parts', None), t['user'])

for n, s in sorted(usage.items()):
    if len(s) > 3: err('task %d cited by %d items: %s' % (n, len(s), sorted(s)))

if errors:
    print('\n'.join(errors)); print('FAILED: %d errors' % len(errors)); sys.exit(1)
if '-v' in sys.argv:
    print('tasks covered: %d/172' % len(usage))
    print('uncovered:', [n for n in range(1, 173) if n not in usage])
print('OK')
