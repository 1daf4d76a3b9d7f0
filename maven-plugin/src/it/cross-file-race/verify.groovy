// The build failed on the race, the log names both files, the SARIF report holds the findings with
// URIs that resolve from the project folder.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] src/main/java/com/acme/Registry.java:11:5: warning confidence:high [UnguardedSharedWrite]')
assert log.contains('started by Executor.execute at Worker.java:12')
assert log.contains("Shareguard: findings at or above 'warning'")
assert log.contains('BUILD FAILURE')
def run = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/shareguard/shareguard.sarif')).runs[0]
// At the default floor (high) the write, which several runs of the task make at once; the read
// racing with it is medium (min-confidence shows it).
assert run.results*.ruleId == ['UnguardedSharedWrite']
def base = new URI(run.originalUriBaseIds['%SRCROOT%'].uri)
run.results.each { r ->
  def uri = r.locations[0].physicalLocation.artifactLocation.uri
  assert new File(base.resolve(uri)).isFile() : uri
}
true
