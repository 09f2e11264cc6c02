// remark plugin: what the ::trainer and ::forward-digit attributes cannot say one at a time.
// A ::forward-digit shows the network of a ::trainer on the same page, so it needs one; a
// momentum with an optimizer that has none, or a batch larger than the training set, is a slip.
// A ::compare names at least two ::trainer titles of the same page.
import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { PRESET_FIELDS, RECOMMENDED } from '../train/settings.ts';
import { OPTIMIZER_NAMES, OPTIMIZERS, type OptimizerName } from '../core/optimizers.ts';
import { attributePoint, reportError, reportWarning } from './report.ts';

const valid = (node: LeafDirective, name: string) => {
  const value = node.attributes?.[name];
  return value !== undefined && value !== null && PRESET_FIELDS[name].check(value) === null ? value : undefined;
};

export default function remarkTrainers() {
  return (tree: Root, file: VFile) => {
    const trainers: LeafDirective[] = [];
    const views: LeafDirective[] = [];
    const comparisons: LeafDirective[] = [];
    visit(tree, 'leafDirective', (node: LeafDirective) => {
      if (node.name === 'trainer') trainers.push(node);
      if (node.name === 'forward-digit') views.push(node);
      if (node.name === 'compare') comparisons.push(node);
    });
    const titles = trainers.map((t) => t.attributes?.title).filter((t): t is string => typeof t === 'string');
    for (const node of comparisons) {
      const named = (node.attributes?.trainers ?? '').split('|').map((t) => t.trim()).filter(Boolean);
      const at = attributePoint(file, node, 'trainers');
      if (named.length < 2) reportError(file, '::compare needs at least two trainer titles, like trainers="Experiment 4a: plain SGD|Experiment 4b: Adam"', at);
      const labels = node.attributes?.labels;
      if (typeof labels === 'string' && labels.split('|').length !== named.length) {
        reportError(file, `::compare: labels= gives ${labels.split('|').length} names for ${named.length} trainers`, attributePoint(file, node, 'labels'));
      }
      for (const name of named) {
        if (!titles.includes(name)) reportError(file, `::compare: no ::trainer titled "${name}" on this page (titles: ${titles.map((t) => `"${t}"`).join(', ') || 'none'})`, at);
      }
    }
    if (!trainers.length) {
      for (const view of views) reportError(file, '::forward-digit shows the network of a ::trainer on the same page: add a ::trainer{…} to the lesson', view);
    }
    for (const node of trainers) {
      const optimizer = (valid(node, 'optimizer') ?? RECOMMENDED.optimizer) as OptimizerName;
      if (valid(node, 'momentum') !== undefined && !OPTIMIZERS[optimizer].reads.includes('momentum')) {
        const users = OPTIMIZER_NAMES.filter((name) => OPTIMIZERS[name].reads.includes('momentum')).map((name) => `optimizer=${name}`);
        const chosen = valid(node, 'optimizer') ?? `the default (${RECOMMENDED.optimizer})`;
        reportWarning(file, `::trainer: momentum is only used by ${users.join(' or ')}, not ${chosen}`, attributePoint(file, node, 'momentum'));
      }
      const batch = valid(node, 'batch');
      const samples = valid(node, 'samples');
      if (batch !== undefined && samples !== undefined && Number(batch) > Number(samples)) {
        reportWarning(file, `::trainer: batch=${batch} is larger than samples=${samples}, so every batch is the whole training set`, attributePoint(file, node, 'batch'));
      }
    }
  };
}
