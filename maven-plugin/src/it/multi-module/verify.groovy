// One aggregate audit of both modules, after the last one; it finds the race between them, and
// audit only reports: the build passes.
def log = new File(basedir, 'build.log').text
assert log.contains('aggregate audit runs once, after the last module of the reactor (worker)')
assert log.contains('[WARNING] registry/src/main/java/com/acme/Registry.java:11:5: warning confidence:high [UnguardedSharedWrite]')
assert log.contains('started by Executor.execute at Worker.java:14')
assert log.contains('BUILD SUCCESS')
def run = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/shareguard/shareguard.sarif')).runs[0]
assert run.results.size() == 1  // the write (high); the read racing with it is medium
assert !new File(basedir, 'registry/target/shareguard').exists()
assert !new File(basedir, 'worker/target/shareguard').exists()
true
