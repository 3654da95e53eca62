using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.SpecTest;
using Replay.Wasm.Validation;
using Xunit.Abstractions;

namespace Replay.Wasm.Tests;

/// <summary>
/// The decoder and validator against every module of the conformance suite, with no engine:
/// each module a script instantiates (or expects to fail only at link or instantiation time) must
/// be accepted under <see cref="WasmFeatures.Spec"/>; each assert_invalid and binary assert_malformed
/// module must be rejected with the front end's own exception. Rejections worded differently from
/// the script are listed, not failed: the verdict is what matters, the wording is for improving.
/// </summary>
[Collection(ConvertedSpecSuiteCollection.Name)]
public sealed class SpecTestFrontEndTests(ConvertedSpecSuite suite, ITestOutputHelper output)
{
    [Fact]
    public void Every_suite_file_converts()
    {
        Assert.Equal(suite.WastFiles.Count, suite.Scripts.Count);
        Assert.Equal(30_234, suite.Scripts.Sum(s => s.Commands.Count));
    }

    [Fact]
    public void Modules_that_scripts_use_are_accepted()
    {
        var wrong = new List<string>();
        int checkedModules = 0;
        foreach (var script in suite.Scripts)
        {
            foreach (var command in script.Commands)
            {
                string? file = command switch
                {
                    ModuleCommand m => m.FileName,
                    AssertModuleCommand { Assertion: ModuleAssertion.Unlinkable or ModuleAssertion.Uninstantiable } a => a.FileName,
                    _ => null,
                };
                if (file is null)
                    continue;
                checkedModules++;
                try
                {
                    Check(script.ReadModule(file));
                }
                catch (WasmFrontEndException e)
                {
                    wrong.Add($"{script.DisplayName}:{command.Line}: rejected: {e.Message}");
                }
            }
        }
        output.WriteLine($"{checkedModules} valid modules checked");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
        Assert.Equal(168, checkedModules);
    }

    [Fact]
    public void Invalid_and_malformed_modules_are_rejected()
    {
        var accepted = new List<string>();
        var misclassified = new List<string>();
        int rejected = 0, mismatched = 0;
        foreach (var script in suite.Scripts)
        {
            foreach (var command in script.Commands.OfType<AssertModuleCommand>())
            {
                if (command.Assertion is not (ModuleAssertion.Invalid or ModuleAssertion.Malformed) || command.IsText)
                    continue;
                try
                {
                    Check(script.ReadModule(command.FileName));
                    accepted.Add($"{script.DisplayName}:{command.Line}: {command.Kind} \"{command.Text}\" was accepted");
                }
                catch (WasmFrontEndException e)
                {
                    rejected++;
                    // A malformed module must fail decoding; an invalid one must decode and fail validation.
                    bool rightStage = command.Assertion == ModuleAssertion.Malformed ? e is WasmDecodeException : e is WasmValidationException;
                    if (!rightStage)
                        misclassified.Add($"{script.DisplayName}:{command.Line}: {command.Kind} \"{command.Text}\" rejected as {e.GetType().Name}: {e.Message}");
                    if (!SpecMessages.RejectionMatches(command.Text, e.Rule, e.Message))
                    {
                        mismatched++;
                        output.WriteLine($"message {script.DisplayName}:{command.Line}: expected \"{command.Text}\", got \"{e.Message}\"");
                    }
                }
            }
        }
        output.WriteLine($"{rejected} rejected, {mismatched} with other wording, {misclassified.Count} at the other stage");
        foreach (var m in misclassified)
            output.WriteLine(m);
        Assert.True(accepted.Count == 0, string.Join("\n", accepted.Take(20)));
        Assert.Equal(304, rejected);
    }

    private static void Check(byte[] bytes)
    {
        var module = ModuleDecoder.Decode(bytes, WasmFeatures.Spec);
        ModuleValidator.Validate(module, WasmFeatures.Spec, validateBodies: true);
    }
}
