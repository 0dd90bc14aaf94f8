import type { Parameter } from './parameter';

/**
 * A tree of named sub-modules and parameters. Names follow checkpoint keys (the diffusers
 * module path), so `namedParameters()` yields exactly the keys a diffusers state dict has.
 */
export abstract class Module {
  private readonly children = new Map<string, Module>();
  private readonly params = new Map<string, Parameter>();

  protected addModule<M extends Module>(name: string, module: M): M {
    this.children.set(name, module);
    return module;
  }

  protected addParameter(name: string, parameter: Parameter): Parameter {
    this.params.set(name, parameter);
    return parameter;
  }

  *namedParameters(prefix = ''): Generator<[string, Parameter]> {
    for (const [name, p] of this.params) yield [prefix + name, p];
    for (const [name, child] of this.children) yield* child.namedParameters(`${prefix}${name}.`);
  }

  *namedModules(prefix = ''): Generator<[string, Module]> {
    for (const [name, child] of this.children) {
      const path = prefix + name;
      yield [path, child];
      yield* child.namedModules(`${path}.`);
    }
  }

  /** Frees every weight of this module and its children. */
  dispose(): void {
    for (const [, p] of this.namedParameters()) p.dispose();
  }
}

/** A module that only groups children (torch.nn.ModuleList / ModuleDict). */
export class ModuleList<M extends Module> extends Module {
  readonly items: M[] = [];

  constructor(items: M[] = []) {
    super();
    items.forEach((m) => this.push(m));
  }

  push(module: M): M {
    this.addModule(String(this.items.length), module);
    this.items.push(module);
    return module;
  }
}
