import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Sparkline } from './Sparkline';
import { SparklinePoint } from './types';

function series(...values: Array<number | undefined>): SparklinePoint[] {
  return values.map((value, index) => ({
    computedAt: new Date(Date.UTC(2025, 5, index + 1)).toISOString(),
    value,
  }));
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

function parts(svg: Element, part: string) {
  return svg.querySelectorAll(`[data-part="${part}"]`);
}

describe('Sparkline', () => {
  it('draws a series as one line and sums it up for screen readers', () => {
    render(
      <Sparkline
        label="Docs coverage"
        points={series(0.5, 0.6, 0.55, 0.75)}
        formatValue={percent}
        width={100}
        height={20}
        color="#123456"
      />,
    );
    const svg = screen.getByRole('img', {
      name: 'Docs coverage: from 50% to 75% over 4 points',
    });
    expect(svg).toHaveAttribute('width', '100');
    expect(svg).toHaveAttribute('viewBox', '0 0 100 20');
    const lines = parts(svg, 'line');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveAttribute('stroke', '#123456');
    // Four points: a move and three segments; the highest value at the top.
    const d = lines[0].getAttribute('d')!;
    expect(d.match(/[ML]/g)).toEqual(['M', 'L', 'L', 'L']);
    expect(d).toMatch(/^M3 17 /);
    expect(d).toMatch(/L97 3$/);
    expect(parts(svg, 'last')).toHaveLength(1);
  });

  it('places points by time, so irregular runs are not evenly spaced', () => {
    const points: SparklinePoint[] = [
      { computedAt: '2025-06-01T00:00:00Z', value: 1 },
      { computedAt: '2025-06-02T00:00:00Z', value: 2 },
      { computedAt: '2025-06-11T00:00:00Z', value: 3 },
    ];
    render(<Sparkline label="Components" points={points} width={106} />);
    const d = parts(screen.getByRole('img'), 'line')[0].getAttribute('d');
    expect(d).toMatch(/^M3 \S+ L13 \S+ L103 /);
  });

  it('breaks the line at gaps and shows lone points as dots', () => {
    render(
      <Sparkline
        label="Docs coverage"
        points={series(0.2, 0.3, undefined, 0.4, undefined, 0.5, 0.6)}
        formatValue={percent}
      />,
    );
    const svg = screen.getByRole('img', {
      name: 'Docs coverage: from 20% to 60% over 7 points (2 without a value)',
    });
    expect(parts(svg, 'line')).toHaveLength(2);
    expect(parts(svg, 'dot')).toHaveLength(1);
    expect(parts(svg, 'bridge')).toHaveLength(2);
  });

  it('draws a flat series across the middle', () => {
    render(<Sparkline label="Forks" points={series(4, 4, 4)} height={30} />);
    const svg = screen.getByRole('img', {
      name: 'Forks: steady at 4 over 3 points',
    });
    const d = parts(svg, 'line')[0].getAttribute('d')!;
    expect(
      d
        .split(/[ML]/)
        .filter(Boolean)
        .map(p => p.trim().split(' ')[1]),
    ).toEqual(['15', '15', '15']);
  });

  it('marks a single point', () => {
    render(
      <Sparkline
        label="Backlog"
        points={series(1234)}
        width={80}
        height={20}
      />,
    );
    const svg = screen.getByRole('img', {
      name: 'Backlog: 1,234, a single point',
    });
    expect(parts(svg, 'line')).toHaveLength(0);
    expect(parts(svg, 'last')[0]).toHaveAttribute('cx', '40');
    expect(parts(svg, 'last')[0]).toHaveAttribute('cy', '10');
  });

  it('says when there is nothing to draw', () => {
    const { rerender } = render(<Sparkline label="Forks" points={[]} />);
    let svg = screen.getByRole('img', { name: 'Forks: no data yet' });
    expect(svg.querySelector('path, circle')).toBeNull();
    expect(svg.querySelector('line')).not.toBeNull();

    rerender(<Sparkline label="Forks" points={series(undefined, undefined)} />);
    svg = screen.getByRole('img', { name: 'Forks: no values over 2 points' });
    expect(svg.querySelector('path, circle')).toBeNull();
  });

  it('scales to a given domain', () => {
    render(
      <Sparkline
        label="Share"
        points={series(0.5, 0.5)}
        domain={[0, 1]}
        width={50}
        height={23}
      />,
    );
    const d = parts(screen.getByRole('img'), 'line')[0].getAttribute('d');
    // Half-way up a 23 px box padded by 3 px: y = 3 + 0.5 * 17.
    expect(d).toBe('M3 11.5 L47 11.5');
  });
  it('tells on hover when its latest point was computed', async () => {
    const points: SparklinePoint[] = [
      {
        computedAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
        value: 1,
      },
      {
        computedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        value: 2,
      },
    ];
    const user = userEvent.setup();
    render(<Sparkline label="Components" points={points} />);
    await user.hover(
      screen.getByRole('img', {
        name: 'Components: from 1 to 2 over 2 points',
      }),
    );
    expect(
      await screen.findByText(
        'Components: from 1 to 2 over 2 points; the latest 2 hours ago',
      ),
    ).toBeInTheDocument();
  });
});
