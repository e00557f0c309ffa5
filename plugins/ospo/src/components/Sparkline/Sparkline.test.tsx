import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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

/** The date of the `index`th point of a `series`, as the tooltip writes it. */
function dateOf(index: number) {
  return new Date(Date.UTC(2025, 5, index + 1)).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

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
  it('shows the date and value of the point nearest the pointer', async () => {
    render(
      <Sparkline
        label="Docs coverage"
        points={series(0.5, undefined, 0.55, 0.75)}
        formatValue={percent}
        width={100}
        height={20}
      />,
    );
    const svg = screen.getByRole('img', { name: /^Docs coverage:/ });
    // Laid out at its own size, 100 × 20 px from the top left.
    jest.spyOn(svg, 'getBoundingClientRect').mockReturnValue({
      x: 0,
      y: 0,
      left: 0,
      top: 0,
      right: 100,
      bottom: 20,
      width: 100,
      height: 20,
      toJSON: () => undefined,
    });
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();

    // Points at x = 3, 35.33, 65.67 and 97.
    fireEvent.mouseMove(svg, { clientX: 90, clientY: 10 });
    expect(screen.getByRole('tooltip')).toHaveTextContent(`${dateOf(3)}: 75%`);
    const active = parts(svg, 'active');
    expect(active).toHaveLength(1);
    expect(active[0].querySelector('line')).toHaveAttribute('x1', '97');

    fireEvent.mouseMove(svg, { clientX: 10, clientY: 10 });
    expect(screen.getByRole('tooltip')).toHaveTextContent(`${dateOf(0)}: 50%`);
    // A gap has a date and no value.
    fireEvent.mouseMove(svg, { clientX: 37, clientY: 10 });
    expect(screen.getByRole('tooltip')).toHaveTextContent(
      `${dateOf(1)}: no value`,
    );
    expect(parts(svg, 'active')[0].querySelector('circle')).toBeNull();

    fireEvent.mouseLeave(svg);
    await waitFor(() =>
      expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
    );
    expect(parts(svg, 'active')).toHaveLength(0);
  });

  it('shows the points one by one from the keyboard, reading each out', async () => {
    const user = userEvent.setup();
    render(
      <Sparkline
        label="Docs coverage"
        points={series(0.5, 0.6, 0.55, 0.75)}
        formatValue={percent}
      />,
    );
    const svg = screen.getByRole('img', {
      name: 'Docs coverage: from 50% to 75% over 4 points',
    });

    // Focused, the latest point.
    await user.tab();
    expect(svg).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent(`${dateOf(3)}: 75%`);
    // Read out with the image, not a second time.
    expect(screen.getByRole('status')).toBeEmptyDOMElement();

    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tooltip')).toHaveTextContent(`${dateOf(2)}: 55%`);
    expect(screen.getByRole('status')).toHaveTextContent(`${dateOf(2)}: 55%`);
    await user.keyboard('{Home}');
    expect(screen.getByRole('status')).toHaveTextContent(`${dateOf(0)}: 50%`);
    // At the edge, it stays.
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('status')).toHaveTextContent(`${dateOf(0)}: 50%`);
    await user.keyboard('{End}{ArrowRight}');
    expect(screen.getByRole('status')).toHaveTextContent(`${dateOf(3)}: 75%`);

    // Escape hides the tooltip; leaving hides it too.
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
    );
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tooltip')).toHaveTextContent(`${dateOf(2)}: 55%`);
    await user.tab();
    expect(svg).not.toHaveFocus();
    await waitFor(() =>
      expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
    );
  });

  it('is not in the tab order without a value to show', () => {
    render(<Sparkline label="Forks" points={series(undefined, undefined)} />);
    expect(screen.getByRole('img')).not.toHaveAttribute('tabindex');
  });
});
