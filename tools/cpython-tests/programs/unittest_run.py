# A small unittest suite run through unittest's pure-Python runner (loader, case, result, assertions, subTest).
import io
import unittest

class Sample(unittest.TestCase):
    def test_equal(self):
        self.assertEqual([1, 2], [1, 2])
    def test_fail(self):
        self.assertEqual({"a": 1}, {"a": 2})
    def test_error(self):
        {}["missing"]
    @unittest.skip("because")
    def test_skip(self):
        pass
    @unittest.expectedFailure
    def test_xfail(self):
        self.assertTrue(False)
    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)
    def test_raises(self):
        with self.assertRaisesRegex(ValueError, "bad"):
            int("bad")

stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(unittest.defaultTestLoader.loadTestsFromTestCase(Sample))
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped), len(result.expectedFailures))
for line in stream.getvalue().splitlines():
    if " ... " in line or line.startswith(("FAIL:", "ERROR:", "AssertionError", "KeyError")):
        print(line)
