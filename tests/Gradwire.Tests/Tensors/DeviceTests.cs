using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

/// <summary>Devices: every tensor is on the CPU today; a tensor marked as on another device refuses host access and ops, naming the fix.</summary>
public sealed class DeviceTests
{
    private static readonly Device Fake = new("fake", 0);

    [Fact]
    public void Tensors_live_on_the_cpu_and_to_cpu_is_the_identity()
    {
        var x = Tensor.Ones([2, 3]);
        Assert.Equal(Device.Cpu, x.Device);
        Assert.True(x.Device.IsCpu);
        Assert.Equal("cpu", x.Device.ToString());
        Assert.Same(x, x.To(Device.Cpu));
        Assert.Equal("fake:0", Fake.ToString());
        Assert.NotEqual(Device.Cpu, Fake);
    }

    [Fact]
    public void Host_access_on_another_device_throws_naming_to_cpu()
    {
        var x = Tensor.FromArray([1.0, 2, 3]).OnTestDevice(Fake);
        Assert.Equal(Fake, x.Device);
        foreach (var action in new Action[] { () => x.AsSpan<double>(), () => _ = x.AsReadOnlySpan<double>(), () => x.ToArray<double>(), () => x.Narrow(0, 0, 1).Item(), () => _ = x[0] })
        {
            var e = Assert.Throws<InvalidOperationException>(action);
            Assert.Contains("lives on device fake:0", e.Message);
            Assert.Contains("To(Device.Cpu)", e.Message);
        }
    }

    [Fact]
    public void Ops_on_another_device_are_refused_because_no_backend_serves_it()
    {
        var x = Tensor.FromArray([1.0, 2, 3]).OnTestDevice(Fake);
        Assert.Contains("has no backend; move it with To(Device.Cpu)", Assert.Throws<InvalidOperationException>(() => x.Exp()).Message);
        Assert.Contains("has no backend", Assert.Throws<InvalidOperationException>(() => x + x).Message);
        Assert.Contains("has no backend", Assert.Throws<InvalidOperationException>(() => x.Sum()).Message);
        Assert.Contains("has no backend", Assert.Throws<InvalidOperationException>(() => x.Gt(1)).Message);
        Assert.Contains("no backend for device fake:0", Assert.Throws<NotSupportedException>(() => Tensor.Ones([1]).To(Fake)).Message);
    }

    [Fact]
    public void To_cpu_brings_a_tensor_back_with_its_values()
    {
        var x = Tensor.FromArray([1L, 2, 3]).OnTestDevice(Fake);
        var back = x.To(Device.Cpu);
        Assert.Equal(Device.Cpu, back.Device);
        Assert.Equal([1L, 2, 3], back.ToInt64Array());
        Assert.Contains("device=fake:0", x.ToString());
    }
}
