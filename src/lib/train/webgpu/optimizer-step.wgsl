// One fused optimizer update of a layer's parameters: L1/L2 penalty gradients on the weights
// (not the bias row), then SGD, momentum, Nesterov, Adagrad, RMSprop or Adam, state included.

struct Hyper {
  count: u32,        // parameters in the layer, bias row included
  weightCount: u32,  // the first weightCount are weights (penalised); the rest are biases
  l1: f32,
  l2: f32,
  momentum: f32,
  rho: f32,
  beta1: f32,
  beta2: f32,
  epsilon: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> hyper: Hyper;
@group(0) @binding(2) var<storage, read> grads: array<f32>;
@group(0) @binding(3) var<storage, read_write> params: array<f32>;
@group(0) @binding(4) var<storage, read_write> first: array<f32>;   // velocity / accumulator / m
@group(0) @binding(5) var<storage, read_write> second: array<f32>;  // Adam's v

override OPTIMIZER: u32 = 5u;  // 0 sgd, 1 momentum, 2 nesterov, 3 adagrad, 4 rmsprop, 5 adam
override WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= hyper.count) { return; }
  let w = params[i];
  var g = grads[i];
  if (i < hyper.weightCount) { g += hyper.l1 * sign(w) + 2.0 * hyper.l2 * w; }
  let lr = step.stepSize;
  switch OPTIMIZER {
    case 0u: {
      params[i] = w - lr * g;
    }
    case 1u: {
      let v = hyper.momentum * first[i] - lr * g;
      first[i] = v;
      params[i] = w + v;
    }
    case 2u: {
      let v = hyper.momentum * first[i] - lr * g;
      first[i] = v;
      params[i] = w + (hyper.momentum * v - lr * g);
    }
    case 3u: {
      let acc = first[i] + g * g;
      first[i] = acc;
      params[i] = w - lr * g / sqrt(acc + hyper.epsilon);
    }
    case 4u: {
      let s = hyper.rho * first[i] + (1.0 - hyper.rho) * g * g;
      first[i] = s;
      params[i] = w - lr * g / sqrt(s + hyper.epsilon);
    }
    default: {
      let m = first[i] + (g - first[i]) * (1.0 - hyper.beta1);
      let v = second[i] + (g * g - second[i]) * (1.0 - hyper.beta2);
      first[i] = m;
      second[i] = v;
      params[i] = w - lr * m / (sqrt(v) + hyper.epsilon);
    }
  }
}
