import { describe, it, expect } from 'vitest';
import { Registry } from './kata.js';

describe('counters', () => {
  it('renders HELP, TYPE and one line per label set, in first-seen order', () => {
    const r = new Registry();
    const c = r.counter('http_requests_total', 'Requests served.');
    c.inc({ method: 'GET', route: '/users' });
    c.inc({ method: 'POST', route: '/users' });
    c.inc({ method: 'GET', route: '/users' }, 2);
    expect(r.render()).toBe(
      [
        '# HELP http_requests_total Requests served.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="GET",route="/users"} 3',
        'http_requests_total{method="POST",route="/users"} 1',
        '',
      ].join('\n'),
    );
  });

  it('renders a series without labels without braces', () => {
    const r = new Registry();
    r.counter('jobs_total', 'Jobs.').inc();
    expect(r.render()).toBe('# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total 1\n');
  });

  it('treats the same labels in a different key order as the same series, printed sorted by name', () => {
    const r = new Registry();
    const c = r.counter('hits_total', 'Hits.');
    c.inc({ route: '/a', method: 'GET' });
    c.inc({ method: 'GET', route: '/a' });
    expect(r.render()).toContain('hits_total{method="GET",route="/a"} 2\n');
    expect(r.render().match(/^hits_total/gm)).toHaveLength(1);
  });

  it('escapes backslash, double quote and newline in label values (backslash first)', () => {
    const r = new Registry();
    r.counter('errors_total', 'Errors.').inc({ msg: 'C:\\tmp "x"\nnext' });
    expect(r.render()).toContain('errors_total{msg="C:\\\\tmp \\"x\\"\\nnext"} 1\n');
  });

  it('escapes backslash and newline in HELP text', () => {
    const r = new Registry();
    r.counter('a_total', 'line one\nline \\ two');
    expect(r.render().split('\n')[0]).toBe('# HELP a_total line one\\nline \\\\ two');
  });

  it('rejects a negative increment: counters only go up', () => {
    const r = new Registry();
    const c = r.counter('a_total', 'A.');
    expect(() => c.inc({}, -1)).toThrow(RangeError);
  });

  it('prints HELP and TYPE for a metric that has no series yet', () => {
    const r = new Registry();
    r.counter('idle_total', 'Nothing yet.');
    expect(r.render()).toBe('# HELP idle_total Nothing yet.\n# TYPE idle_total counter\n');
  });
});

describe('histograms', () => {
  it('renders cumulative buckets, +Inf, _sum and _count', () => {
    const r = new Registry();
    const h = r.histogram('http_request_duration_seconds', 'Request latency.', [0.1, 0.5]);
    h.observe(0.05, { route: '/users' });
    h.observe(0.25, { route: '/users' });
    h.observe(1, { route: '/users' });
    expect(r.render()).toBe(
      [
        '# HELP http_request_duration_seconds Request latency.',
        '# TYPE http_request_duration_seconds histogram',
        'http_request_duration_seconds_bucket{route="/users",le="0.1"} 1',
        'http_request_duration_seconds_bucket{route="/users",le="0.5"} 2',
        'http_request_duration_seconds_bucket{route="/users",le="+Inf"} 3',
        'http_request_duration_seconds_sum{route="/users"} 1.3',
        'http_request_duration_seconds_count{route="/users"} 3',
        '',
      ].join('\n'),
    );
  });

  it('a value exactly on a bound is counted in that bucket (le = less or equal)', () => {
    const r = new Registry();
    const h = r.histogram('size_bytes', 'Sizes.', [100, 1000]);
    h.observe(100);
    expect(r.render()).toContain('size_bytes_bucket{le="100"} 1\n');
    expect(r.render()).toContain('size_bytes_bucket{le="1000"} 1\n');
  });

  it('sorts bucket bounds given out of order', () => {
    const r = new Registry();
    const h = r.histogram('t_seconds', 'T.', [1, 0.1, 0.5]);
    h.observe(0.3);
    const buckets = r.render().split('\n').filter((l) => l.startsWith('t_seconds_bucket'));
    expect(buckets).toEqual([
      't_seconds_bucket{le="0.1"} 0',
      't_seconds_bucket{le="0.5"} 1',
      't_seconds_bucket{le="1"} 1',
      't_seconds_bucket{le="+Inf"} 1',
    ]);
  });

  it('keeps one set of buckets per label set', () => {
    const r = new Registry();
    const h = r.histogram('d_seconds', 'D.', [1]);
    h.observe(0.5, { route: '/a' });
    h.observe(2, { route: '/b' });
    const out = r.render();
    expect(out).toContain('d_seconds_bucket{route="/a",le="1"} 1\n');
    expect(out).toContain('d_seconds_bucket{route="/b",le="1"} 0\n');
    expect(out).toContain('d_seconds_count{route="/b"} 1\n');
  });
});

describe('validation', () => {
  it('rejects invalid metric names and duplicate registrations', () => {
    const r = new Registry();
    expect(() => r.counter('http-requests', 'x')).toThrow();
    expect(() => r.counter('1st_total', 'x')).toThrow();
    r.counter('ok_total', 'x');
    expect(() => r.counter('ok_total', 'x')).toThrow();
  });

  it('rejects invalid label names, reserved __ names, and `le` on histograms', () => {
    const r = new Registry();
    const c = r.counter('c_total', 'C.');
    expect(() => c.inc({ 'bad-name': 'x' })).toThrow();
    expect(() => c.inc({ __name__: 'x' })).toThrow();
    const h = r.histogram('h_seconds', 'H.', [1]);
    expect(() => h.observe(1, { le: '5' })).toThrow();
  });
});
