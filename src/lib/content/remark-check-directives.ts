// remark plugin: every directive must be one we know, written as the right kind (:value, ::graph,
// :::question), with known attributes holding valid values. Known directives are turned into
// custom elements (bs-graph, bs-value, …) for the page to render; unknown ones are dropped.
import type { Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { directiveMarker, directives as lessonDirectives, type DirectiveKind, type DirectiveSpec } from './directives.ts';
import { attributePoint, reportError } from './report.ts';

type Directive = TextDirective | LeafDirective | ContainerDirective;

const kindOf: Record<Directive['type'], DirectiveKind> = { textDirective: 'text', leafDirective: 'leaf', containerDirective: 'container' };

export interface CheckDirectivesOptions {
  /** The directives this kind of document may use (default: a lesson's). */
  table?: Record<string, DirectiveSpec>;
}

export default function remarkCheckDirectives({ table: directives = lessonDirectives }: CheckDirectivesOptions = {}) {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return;
      const directive = node as Directive;
      const kind = kindOf[directive.type];
      const spec = directives[directive.name];
      const written = `${directiveMarker[kind]}${directive.name}`;
      if (!spec) {
        const known = Object.entries(directives).map(([name, d]) => `${directiveMarker[d.kind]}${name}`).join(', ');
        const literal = kind === 'text' ? ' (to write a colon before a word, escape it: \\:)' : '';
        reportError(file, `unknown directive "${written}" (known: ${known})${literal}`, directive);
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (spec.kind !== kind && !(spec.leafToo && kind === 'leaf')) {
        const where = spec.kind === 'text' ? 'inside a sentence' : spec.kind === 'leaf' ? 'on a line of its own' : 'around its content, closed by :::';
        reportError(file, `"${written}" should be written "${directiveMarker[spec.kind]}${directive.name}" (${where})`, directive);
      }
      for (const [name, value] of spec.readByModel ? [] : Object.entries(directive.attributes ?? {})) {
        const check = spec.attributes[name];
        if (!check) {
          const known = Object.keys(spec.attributes);
          reportError(file, `unknown attribute "${name}" on ${written} (known: ${known.length ? known.join(', ') : 'none'})`, attributePoint(file, directive, name));
          continue;
        }
        const problem = check(value ?? '');
        if (problem) reportError(file, `${written}: ${name} ${problem}`, attributePoint(file, directive, name, 'value'));
      }
      // A container's [label] (:::hint[Try the last layer]) becomes its title.
      const props: Record<string, unknown> = { ...directive.attributes };
      if (directive.type === 'containerDirective') {
        const first = directive.children[0];
        if (first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) {
          props.title = first.children.map((c) => ('value' in c ? c.value : '')).join('');
          directive.children.shift();
        }
      }
      directive.data = { ...directive.data, hName: `bs-${directive.name}`, hProperties: props as never };
    });
  };
}
