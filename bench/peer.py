#!/usr/bin/env python3
"""The Python parse-only peer of issue 16: read and parse every .toml/.yaml/.yml file under a folder, nothing else.

    python3 bench/peer.py PRACTICES_DIR

TOML with the standard library's `tomllib` (Python 3.11+), YAML with PyYAML's libyaml-based `CSafeLoader`
(`pip install pyyaml`; the Debian package is python3-yaml). Without libyaml, PyYAML has only the pure-Python
`SafeLoader`, which is many times slower: the peer then says so on stderr and in its summary line, and its figures
are not the issue's peer. One process, one thread, as a plain script would be. Prints one line of counts on stdout.
"""
import os
import sys
import tomllib

try:
    import yaml
except ImportError:
    sys.exit("peer.py: PyYAML is missing: pip install pyyaml (or apt-get install python3-yaml)")

try:
    LOADER = yaml.CSafeLoader
    LOADER_NAME = "CSafeLoader (libyaml)"
except AttributeError:
    LOADER = yaml.SafeLoader
    LOADER_NAME = "SafeLoader (pure Python: PyYAML built without libyaml)"
    print("peer.py: yaml.CSafeLoader is missing; FALLING BACK to the pure-Python SafeLoader", file=sys.stderr)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: peer.py PRACTICES_DIR")
    files = toml_files = yaml_files = size = failed = 0
    for root, dirs, names in os.walk(sys.argv[1]):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            if name.endswith(".toml"):
                kind = "toml"
            elif name.endswith((".yaml", ".yml")):
                kind = "yaml"
            else:
                continue
            with open(path, "rb") as f:
                data = f.read()
            files += 1
            size += len(data)
            try:
                text = data.decode("utf-8")
                if kind == "toml":
                    toml_files += 1
                    tomllib.loads(text)
                else:
                    yaml_files += 1
                    yaml.load(text, Loader=LOADER)
            except Exception as e:  # noqa: BLE001 - a parse error is counted, not fatal
                failed += 1
                print(f"{path}: {e}", file=sys.stderr)
    print(
        f"peer: {files} files ({toml_files} TOML, {yaml_files} YAML), {size / 1e6:.1f} MB, {failed} failed to parse; "
        f"tomllib + PyYAML {yaml.__version__} {LOADER_NAME}, Python {sys.version.split()[0]}"
    )


if __name__ == "__main__":
    main()
