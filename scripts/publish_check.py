"""Checks behind scripts/consumer-test.sh: what a user of the published artifacts, and Maven Central, get.

  publish_check.py consumer DIR VERSION      writes the consumer project: scripts/consumer/pom.xml with the
                                             README's "Add to your build" Maven snippet at VERSION, and the
                                             README's quick start as src/main/java/QuickStart.java
  publish_check.py speech WAV OUTPUT_FILE    checks the quick start's hello.wav against what it printed
  publish_check.py release EFFECTIVE_POM REPO VERSION
                                             checks what the release build installed into the scratch
                                             repository REPO: every published module has its main, sources
                                             and Javadoc jars and a POM with Central's required metadata;
                                             the unpublished ones are kept out of the upload

Each check prints what it verified and exits 1 with the list of problems when one fails.
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CONSUMER_TEMPLATE = ROOT / "scripts" / "consumer" / "pom.xml"
CONSUMER_MARKER = "<!-- README: Add to your build -->"
GROUP_ID = "dev.utter"
CENTRAL_PLUGIN = "central-publishing-maven-plugin"
# The quick start's providers are found by id: these two artifacts are all that a user adds.
CONSUMER_DEPENDENCIES = {"utter-core", "utter-provider-mock"}


class CheckFailed(Exception):
    """Problems found by a check, one per line."""


def readme_block(heading, language):
    """The first fenced block of the language in the README section under the heading."""
    text = README.read_text(encoding="utf-8")
    start = text.find(f"\n## {heading}\n")
    if start < 0:
        raise CheckFailed(f"README.md has no section '## {heading}'")
    end = text.find("\n## ", start + 1)
    section = text[start:] if end < 0 else text[start:end]
    match = re.search(rf"^```{language}\n(.*?)^```$", section, re.S | re.M)
    if not match:
        raise CheckFailed(f"README.md section '{heading}' has no ```{language} block")
    return match.group(1)


def strip_namespaces(element):
    for node in element.iter():
        if isinstance(node.tag, str) and "}" in node.tag:
            node.tag = node.tag.split("}", 1)[1]
    return element


def text_of(element, path):
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


# ---------------------------------------------------------------------------------------------- consumer

def write_consumer(directory, version):
    snippet = readme_block("Add to your build", "xml")
    parsed = strip_namespaces(ET.fromstring(f"<snippet>{snippet}</snippet>"))
    imports = parsed.findall("dependencyManagement/dependencies/dependency")
    dependencies = parsed.findall("dependencies/dependency")
    problems = []
    if [(text_of(d, "artifactId"), text_of(d, "type"), text_of(d, "scope")) for d in imports] != [
            ("utter-bom", "pom", "import")]:
        problems.append("the Maven snippet must import utter-bom (type pom, scope import) and nothing else")
    if {text_of(d, "artifactId") for d in dependencies} != CONSUMER_DEPENDENCIES:
        problems.append(f"the Maven snippet must depend on {sorted(CONSUMER_DEPENDENCIES)} only")
    if any(d.find("version") is not None for d in dependencies):
        problems.append("the Maven snippet's dependencies must take their versions from the BOM")
    if any(text_of(d, "groupId") != GROUP_ID for d in imports + dependencies):
        problems.append(f"the Maven snippet must name groupId {GROUP_ID}")
    if problems:
        raise CheckFailed("\n".join(problems))
    # The README shows the latest release; build against the version that was just installed.
    snippet = re.sub(r"<version>[^<]*</version>", f"<version>{version}</version>", snippet, count=1)

    template = CONSUMER_TEMPLATE.read_text(encoding="utf-8")
    if template.count(CONSUMER_MARKER) != 1:
        raise CheckFailed(f"{CONSUMER_TEMPLATE} must hold the marker {CONSUMER_MARKER} once")
    indented = "\n".join("  " + line if line else line for line in snippet.rstrip("\n").split("\n"))
    directory = Path(directory)
    (directory / "src" / "main" / "java").mkdir(parents=True, exist_ok=True)
    (directory / "run").mkdir(exist_ok=True)
    (directory / "pom.xml").write_text(template.replace(CONSUMER_MARKER, indented.lstrip()), encoding="utf-8")
    (directory / "src" / "main" / "java" / "QuickStart.java").write_text(
        readme_block("Quick start", "java"), encoding="utf-8")
    print(f"consumer project in {directory}: utter-bom {version} imported, "
          f"depends on {', '.join(sorted(CONSUMER_DEPENDENCIES))}; QuickStart.java from the README")


def iso_seconds(duration):
    """Seconds of a java.time.Duration printed as PT[nH][nM][n.nS]."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", duration)
    if not match or duration == "PT":
        raise CheckFailed(f"not a Duration: {duration!r}")
    hours, minutes, seconds = (float(group or 0) for group in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def check_speech(wav, output_file):
    # Maven's console may wrap the program's lines in ANSI colour resets.
    printed = re.sub(r"\x1b\[[0-9;]*m", "", Path(output_file).read_text(encoding="utf-8", errors="replace"))
    match = re.search(r"^Wrote hello\.wav: (PT\S+)$", printed, re.M)
    if not match:
        raise CheckFailed(f"the quick start did not print 'Wrote hello.wav: <duration>':\n{printed}")
    expected = iso_seconds(match.group(1))
    if not Path(wav).is_file():
        raise CheckFailed(f"the quick start wrote no {wav}")
    kind = subprocess.run(["soxi", "-t", wav], capture_output=True, text=True)
    length = subprocess.run(["soxi", "-D", wav], capture_output=True, text=True)
    if kind.returncode != 0 or kind.stdout.strip() != "wav" or length.returncode != 0:
        raise CheckFailed(f"soxi does not read {wav} as WAV: {kind.stdout}{kind.stderr}{length.stderr}")
    measured = float(length.stdout)
    if expected <= 0 or abs(measured - expected) > 0.001:
        raise CheckFailed(f"{wav}: soxi reads {measured} s, the quick start printed {expected} s")
    print(f"hello.wav: a WAV of {measured:.3f} s, as the quick start printed")


# ----------------------------------------------------------------------------------------------- release

def effective_projects(effective_pom):
    """The projects of `mvn help:effective-pom -Doutput=FILE` over the whole reactor, by artifactId."""
    root = strip_namespaces(ET.parse(effective_pom).getroot())
    projects = [root] if root.tag == "project" else root.findall("project")
    return {text_of(p, "artifactId"): p for p in projects}


def module_directories():
    """artifactId -> folder, for the root POM and every module it lists."""
    folders = {text_of(strip_namespaces(ET.parse(ROOT / "pom.xml").getroot()), "artifactId"): ROOT}
    for module in strip_namespaces(ET.parse(ROOT / "pom.xml").getroot()).findall("modules/module"):
        folder = ROOT / module.text.strip()
        folders[text_of(strip_namespaces(ET.parse(folder / "pom.xml").getroot()), "artifactId")] = folder
    return folders


def central_metadata_problems(project, where, parent):
    """Central's required POM elements: coordinates, name, description, url, licence, developer, SCM.

    url and scm/url must be the parent's: Maven appends the module's name to inherited ones unless told not to.
    """
    problems = []
    parent_url, parent_scm_url = text_of(parent, "url"), text_of(parent, "scm/url")
    for element in ("groupId", "artifactId", "version", "name", "description", "url"):
        value = text_of(project, element)
        if not value or "${" in value:
            problems.append(f"{where}: <{element}> is missing or unresolved ({value!r})")
    url = text_of(project, "url")
    if url != parent_url:
        problems.append(f"{where}: <url> is {url}, not the project's {parent_url} (inherited with a path?)")
    licenses = project.findall("licenses/license")
    if not licenses or any(not text_of(lic, "name") or not text_of(lic, "url") for lic in licenses):
        problems.append(f"{where}: needs <licenses> whose every <license> has a name and a url")
    elif [text_of(lic, "name") for lic in licenses] != ["Apache-2.0"]:
        problems.append(f"{where}: the licence must be Apache-2.0 (SPDX), not "
                        f"{[text_of(lic, 'name') for lic in licenses]}")
    if not project.findall("developers/developer") or any(
            not text_of(dev, "name") for dev in project.findall("developers/developer")):
        problems.append(f"{where}: needs <developers> whose every <developer> has a name")
    for element in ("scm/url", "scm/connection"):
        value = text_of(project, element)
        if not value or (element == "scm/url" and value != parent_scm_url):
            problems.append(f"{where}: <{element}> is missing or not the project's ({value!r})")
    return problems


def without_module_folder(page):
    """A Javadoc page's path without its module folder: a jar that names its module
    (Automatic-Module-Name) gets Javadoc's module layout, MODULE/PACKAGE/..., a module name having dots."""
    first, _, rest = page.partition("/")
    return rest if "." in first and rest else page


def artifact_problems(repo, artifact_id, folder, version):
    """The main, sources and Javadoc jars the release build installed, and what each must hold."""
    main, sources, javadoc = (installed(repo, artifact_id, version, suffix + ".jar")
                              for suffix in ("", "-sources", "-javadoc"))
    missing = [jar.name for jar in (main, sources, javadoc) if not jar.is_file()]
    if missing:
        return [f"{artifact_id}: not installed: {', '.join(missing)}"]
    problems = []
    java_root = folder / "src" / "main" / "java"
    expected = {p.relative_to(java_root).as_posix() for p in java_root.rglob("*.java")}
    with zipfile.ZipFile(sources) as jar:
        shipped = {name for name in jar.namelist() if name.endswith(".java")}
    if shipped != expected:
        problems.append(f"{artifact_id}: the sources jar differs from src/main/java: "
                        f"missing {sorted(expected - shipped)[:5]}, extra {sorted(shipped - expected)[:5]}")
    packages = {str(Path(name).parent) for name in expected if not name.endswith("module-info.java")}
    with zipfile.ZipFile(javadoc) as jar:
        pages = set(jar.namelist())
    summaries = {without_module_folder(name) for name in pages if name.endswith("/package-summary.html")}
    undocumented = sorted(p for p in packages if f"{p}/package-summary.html" not in summaries)
    if "index.html" not in pages or undocumented:
        problems.append(f"{artifact_id}: the Javadoc jar lacks index.html or packages {undocumented}")
    with zipfile.ZipFile(main) as jar:
        if not any(name.endswith(".class") for name in jar.namelist()):
            problems.append(f"{artifact_id}: the main jar holds no classes")
    return problems


def installed(repo, artifact_id, version, extension):
    """A file of the module in the scratch repository, which is new in every run: nothing in it is stale."""
    return Path(repo) / GROUP_ID.replace(".", "/") / artifact_id / version / f"{artifact_id}-{version}{extension}"


def check_release(effective_pom, repo, version):
    projects = effective_projects(effective_pom)
    folders = module_directories()
    problems = []
    if set(projects) != set(folders):
        raise CheckFailed(f"the effective POM's projects {sorted(projects)} are not the reactor's {sorted(folders)}")
    parent_id = text_of(strip_namespaces(ET.parse(ROOT / "pom.xml").getroot()), "artifactId")
    parent = projects[parent_id]

    plugin = next((p for p in parent.findall("build/plugins/plugin")
                   if text_of(p, "artifactId") == CENTRAL_PLUGIN), None)
    if plugin is None:
        raise CheckFailed(f"the release profile does not configure {CENTRAL_PLUGIN}")
    excluded = {a.text.strip() for a in plugin.findall("configuration/excludeArtifacts/artifact")}
    skipping = {aid for aid, p in projects.items() if text_of(p, "properties/maven.deploy.skip") == "true"}
    if excluded != skipping:
        problems.append(f"modules with maven.deploy.skip {sorted(skipping)} must be exactly those the "
                        f"Central upload excludes {sorted(excluded)}")
    published = sorted(aid for aid in projects if aid not in excluded)

    for artifact_id in published:
        project, folder = projects[artifact_id], folders[artifact_id]
        own = strip_namespaces(ET.parse(folder / "pom.xml").getroot())
        if artifact_id != parent_id and (not text_of(own, "name") or not text_of(own, "description")):
            problems.append(f"{artifact_id}: its pom.xml must give its own <name> and <description>")
        deployed_file = installed(repo, artifact_id, version, ".pom")
        if not deployed_file.is_file():
            problems.append(f"{artifact_id}: not installed as {deployed_file}")
            continue
        deployed = strip_namespaces(ET.parse(deployed_file).getroot())
        if deployed.find("parent") is None:
            # A flattened POM (the BOM's) stands alone: Central reads it as it is.
            problems += central_metadata_problems(deployed, f"{artifact_id} (installed POM)", parent)
        elif deployed_file.read_bytes() != (folder / "pom.xml").read_bytes():
            problems.append(f"{artifact_id}: the installed POM is neither its pom.xml nor flattened")
        else:
            problems += central_metadata_problems(project, f"{artifact_id} (effective POM)", parent)
        if text_of(project, "version") != version or text_of(project, "groupId") != GROUP_ID:
            problems.append(f"{artifact_id}: coordinates are not {GROUP_ID}:{artifact_id}:{version}")
        if text_of(project, "packaging") in ("", "jar"):
            problems += artifact_problems(repo, artifact_id, folder, version)

    jars = {aid for aid in published if text_of(projects[aid], "packaging") in ("", "jar")}
    boms = [aid for aid in published if aid.endswith("-bom")]
    if len(boms) != 1:
        problems.append(f"expected one published BOM, found {boms}")
    else:
        bom = strip_namespaces(ET.parse(installed(repo, boms[0], version, ".pom")).getroot())
        entries = bom.findall("dependencyManagement/dependencies/dependency")
        pinned = {text_of(d, "artifactId") for d in entries}
        for entry in entries:
            pin = text_of(entry, "version").replace("${project.version}", version)
            if text_of(entry, "groupId") != GROUP_ID or pin != version or text_of(entry, "scope") == "import":
                problems.append(f"{boms[0]}: pins {text_of(entry, 'groupId')}:{text_of(entry, 'artifactId')}:"
                                f"{pin}; a BOM of utter-java pins only {GROUP_ID} modules at {version}")
        if jars - pinned:
            problems.append(f"{boms[0]}: does not pin the published modules {sorted(jars - pinned)}")
        unbuilt = sorted(pinned - set(projects))
        if unbuilt:
            print(f"note: {boms[0]} pins modules this build does not have: {', '.join(unbuilt)}")

    if problems:
        raise CheckFailed("\n".join(problems))
    print(f"release: {len(published)} published ({', '.join(published)}): POM metadata for Central; "
          f"main, sources and Javadoc jars for {', '.join(sorted(jars))}; not published: "
          f"{', '.join(sorted(excluded))}")


COMMANDS = {"consumer": (write_consumer, 2), "speech": (check_speech, 2), "release": (check_release, 3)}

if __name__ == "__main__":
    command = COMMANDS.get(sys.argv[1] if len(sys.argv) > 1 else "")
    if command is None or len(sys.argv) != command[1] + 2:
        sys.exit(__doc__)
    try:
        command[0](*sys.argv[2:])
    except CheckFailed as failure:
        print(f"FAILED {sys.argv[1]}:\n{failure}", file=sys.stderr)
        sys.exit(1)
