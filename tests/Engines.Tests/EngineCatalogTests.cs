using Replay.Engine.Register;
using Replay.Engine.Stack;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Engines.Tests;

/// <summary>The one list of engines, their modes and generations, bound to what the engines do.</summary>
public sealed class EngineCatalogTests
{
    [Fact]
    public void The_catalog_lists_each_engine_with_its_generation_and_modes()
    {
        Assert.Equal(
            [
                ("stack", EngineGeneration.Wasmi031, "Eager", StackEngineInfo.Identity),
                ("register", EngineGeneration.Wasmi036, "Eager LazyTranslation Lazy", RegisterEngineInfo.Identity),
            ],
            EngineCatalog.All.Select(e => (e.Name, e.Generation, string.Join(" ", e.Modes), e.Identity)));
        Assert.Equal(["stack/Eager", "register/Eager", "register/LazyTranslation", "register/Lazy"], EngineCatalog.Variants.Select(v => v.Name));
        Assert.Equal(["stack", "register", "both"], EngineCatalog.SelectionNames);
    }

    [Fact]
    public void Each_engine_runs_exactly_the_modes_the_catalog_lists()
    {
        foreach (var entry in EngineCatalog.All)
        {
            foreach (var mode in Enum.GetValues<CompilationMode>())
            {
                var config = new EngineConfig { Mode = mode };
                if (entry.Modes.Contains(mode))
                    Assert.Equal(mode, entry.Create(config).Config.Mode);
                else
                    Assert.Throws<NotSupportedException>(() => entry.Create(config));
            }
        }
    }

    [Fact]
    public void A_variant_makes_its_engine_in_its_mode()
    {
        var lazy = EngineCatalog.GetVariant("register/Lazy");
        var engine = lazy.Create(new EngineConfig { Mode = CompilationMode.Eager, ConsumeFuel = true });
        Assert.IsType<RegisterEngine>(engine);
        Assert.Equal((CompilationMode.Lazy, true), (engine.Config.Mode, engine.Config.ConsumeFuel));
        Assert.IsType<StackEngine>(EngineCatalog.GetVariant("stack/Eager").Create(new EngineConfig()));
    }

    [Fact]
    public void An_engine_in_another_mode_keeps_its_configuration_and_exists_for_the_modes_it_runs()
    {
        foreach (var entry in EngineCatalog.All)
        {
            var engine = entry.Create(new EngineConfig { Mode = entry.Modes[^1], ConsumeFuel = true });
            foreach (var mode in Enum.GetValues<CompilationMode>())
            {
                if (!entry.Modes.Contains(mode))
                {
                    Assert.Throws<NotSupportedException>(() => engine.InMode(mode));
                    continue;
                }
                var twin = engine.InMode(mode);
                Assert.Equal(engine.Config with { Mode = mode }, twin.Config);
                Assert.Equal(engine.Identity, twin.Identity);
                Assert.Same(twin, engine.InMode(mode));
            }
            Assert.Same(engine, engine.InMode(engine.Config.Mode));
        }
        // The twin keeps the deliberate bugs of a self-test engine.
        var faulty = new RegisterEngine(new EngineConfig { Mode = CompilationMode.Lazy }, RegisterFaults.LazyBrTableInvalid);
        Assert.Equal(RegisterFaults.LazyBrTableInvalid, ((RegisterEngine)faulty.InMode(CompilationMode.Eager)).Faults);
    }

    [Fact]
    public void Unknown_names_are_refused()
    {
        Assert.Same(EngineCatalog.Register, EngineCatalog.Get("register"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineCatalog.Get("Register"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineCatalog.GetVariant("stack/Lazy"));
        Assert.False(EngineCatalog.TrySelect("wasmtime", out var none));
        Assert.Empty(none);
    }
}
