// The lesson the author page opens with, in the page's language: small, valid, and using every
// directive once, so it doubles as a cheat sheet. The two share the front matter, as a lesson and
// its `.es.md` sibling must.
import type { Lang } from '$lib/core/lang.ts';

export const starterLesson = `---
title: One neuron
summary: A single sigmoid neuron, its squared error, and one gradient-descent step.
order: 99
graph:
  params: { w: 0.5, b: 0.1 }
  inputs: { x: 1.5, y: 1 }
  nodes:
    z: w*x + b
    a: sigmoid(z)
    C: (a - y)^2
  loss: C
  learning_rate: 0.1
  tex: { C: 'C_0' }
notation:
  '\\sigma': the sigmoid, 1/(1 + e^(−z))
---

## The neuron

The neuron computes $z = wx + b$ and squashes it, $a = \\sigma(z)$.
Right now $a$ is :value[a]{digits=4}.

::graph

::controls

::steps{pass=forward}

:::question{#a answer="a"}
What is $a$, to four decimals?
:::

:::hint[Where to start]
First compute $z$, then apply the sigmoid.
:::

## Backward

::steps{pass=backward}

:::note{title="Sign"}
The gradient of the cost with respect to $w$ is :value[grad(w)]: negative, so $w$ grows.
:::

::steps{pass=update}
`;

export const starterLessonEs = `---
title: Una neurona
summary: Una sola neurona sigmoide, su error cuadrático y un paso de descenso del gradiente.
order: 99
graph:
  params: { w: 0.5, b: 0.1 }
  inputs: { x: 1.5, y: 1 }
  nodes:
    z: w*x + b
    a: sigmoid(z)
    C: (a - y)^2
  loss: C
  learning_rate: 0.1
  tex: { C: 'C_0' }
notation:
  '\\sigma': la sigmoide, 1/(1 + e^(−z))
---

## La neurona

La neurona calcula $z = wx + b$ y lo aplasta con la función de activación, $a = \\sigma(z)$.
Ahora mismo $a$ vale :value[a]{digits=4}.

::graph

::controls

::steps{pass=forward}

:::question{#a answer="a"}
¿Cuánto vale $a$, con cuatro decimales?
:::

:::hint[Por dónde empezar]
Calcula primero $z$ y después aplica la sigmoide.
:::

## Hacia atrás

::steps{pass=backward}

:::note{title="Signo"}
El gradiente de la función de coste respecto a $w$ es :value[grad(w)]: negativo, así que $w$ crece.
:::

::steps{pass=update}
`;

export const starterLessons: Record<Lang, string> = { en: starterLesson, es: starterLessonEs };
