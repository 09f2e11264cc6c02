// remark plugin: the ::descent, ::plot and ::loop attributes are read by the core (src/lib/core/descent.ts,
// plot.ts, training-loop.ts), the same readers the page uses, and each problem is reported at its attribute — inside
// the value where the core knows the character (f="x^2 + y" points at the y). A ::descent with an
// id publishes what the student can choose (file.data.widgets), for the questions after it.
import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { descentState, readDescentAttributes, type DescentProblem } from '../core/descent.ts';
import type { WidgetState, WidgetStates } from '../core/widget-state.ts';
import { readPlotAttributes } from '../core/plot.ts';
import { readDescent2dAttributes } from '../core/descent2d.ts';
import { loopState, readLoopAttributes } from '../core/training-loop.ts';
import { attributeOffset, attributePoint, pointAt, reportError } from './report.ts';

declare module 'vfile' {
  interface DataMap {
    /** The widgets with an id, in the order they appear. */
    widgets: WidgetStates;
  }
}

type Attributes = Record<string, string | undefined>;

const readers: Record<string, (attributes: Attributes) => { problems: DescentProblem[] }> = {
  descent: readDescentAttributes,
  plot: readPlotAttributes,
  descent2d: readDescent2dAttributes,
  loop: readLoopAttributes
};

/** The widgets whose choices a question may read, and what each publishes. */
const publishers: Record<string, (attributes: Attributes) => WidgetState | null> = {
  descent: (attributes) => {
    const widget = readDescentAttributes(attributes).widget;
    return widget && descentState(widget);
  },
  loop: (attributes) => {
    const widget = readLoopAttributes(attributes).widget;
    return widget && loopState(widget);
  }
};

export default function remarkDescent() {
  return (tree: Root, file: VFile) => {
    const widgets: WidgetStates = {};
    visit(tree, 'leafDirective', (node: LeafDirective) => {
      const reader = readers[node.name];
      if (!reader) return;
      const attributes = Object.fromEntries(Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? undefined]));
      const read = reader(attributes);
      const id = attributes.id;
      // An id the attribute check refuses (my-bowl) publishes nothing.
      const publish = publishers[node.name];
      if (id !== undefined && publish && /^[A-Za-z]\w*$/.test(id)) {
        const state = id in widgets ? null : publish(attributes);
        if (id in widgets) reportError(file, `two widgets have the id "${id}"; ids must be unique in a lesson`, attributePoint(file, node, 'id'));
        else if (state) widgets[id] = state;
      }
      for (const problem of read.problems) {
        const start = attributes[problem.attribute] === undefined ? undefined : attributeOffset(file, node, problem.attribute, 'value');
        const place = start === undefined ? (attributePoint(file, node, problem.attribute) ?? node.position?.start) : pointAt(file, start + problem.offset);
        reportError(file, `::${node.name}: ${problem.message}`, place);
      }
    });
    file.data.widgets = widgets;
  };
}
