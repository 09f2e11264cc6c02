// The lesson the author page opens with: small, valid, and using every directive once, so it
// doubles as a cheat sheet.
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
