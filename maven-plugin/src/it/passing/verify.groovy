// The fixed project passes, and the goal wrote the formats asked for.
def log = new File(basedir, 'build.log').text
assert log.contains('shareguard: 2 files, ')
assert log.contains(', 0 findings in ')
def sarif = new File(basedir, 'target/shareguard/shareguard.sarif')
assert sarif.isFile()
assert new groovy.json.JsonSlurper().parse(sarif).runs[0].results.isEmpty()
assert new File(basedir, 'target/shareguard/shareguard.html').text.startsWith('<!DOCTYPE html>')
// The cache was filled (a skeleton and a lowered file for each of the two files).
def entries = []
new File(basedir, 'target/shareguard-cache').eachFileRecurse { if (it.isFile()) entries << it.name }
assert entries.count { it.endsWith('.l') } == 2
assert entries.count { it.endsWith('.s') } == 2
true
